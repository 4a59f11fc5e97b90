// Reading one file from a multipart/form-data upload, never holding more than the limit of it.
import { AppError } from "@/lib/app-error";
import { assertDeclaredLengthWithin, readBodyBytes } from "./request-body";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export type UploadedFile = { bytes: Buffer; name: string };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * Checks what can be checked without reading (the type, the declared length) at once, and returns
 * the reader of the rest, so the caller decides when the body may be buffered (after waiting for a
 * processing slot). A body that streams past the limit is cancelled there, whatever it declared.
 */
export function uploadedFileReader(request: Request, { field, limitBytes }: { field: string; limitBytes: number }): () => Promise<UploadedFile> {
  const type = request.headers.get("content-type") ?? "";
  if (type.split(";")[0]!.trim().toLowerCase() !== "multipart/form-data") {
    throw new AppError("unsupported_media_type", `Send the file as multipart/form-data in a field named "${field}".`);
  }
  const tooLarge = () => new AppError("payload_too_large", `The file is larger than ${megabytes(limitBytes)}. Save a smaller copy and upload that.`, { limitBytes });
  const bodyLimit = limitBytes + MULTIPART_OVERHEAD_BYTES;
  assertDeclaredLengthWithin(request, bodyLimit, tooLarge);
  return async () => {
    const body = await readBodyBytes(request, bodyLimit, tooLarge);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
    } catch {
      throw new AppError("bad_request", "The upload is not valid multipart/form-data.");
    }
    const files = form.getAll(field);
    const file = files[0];
    if (files.length !== 1 || !(file instanceof File)) throw new AppError("bad_request", `Send exactly one file in the field "${field}".`);
    if (file.size > limitBytes) throw tooLarge();
    if (file.size === 0) throw new AppError("bad_request", "The file is empty.");
    return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name };
  };
}
