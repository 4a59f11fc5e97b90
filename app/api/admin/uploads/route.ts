// POST /api/admin/uploads – store one photo (JPEG, PNG, WebP or AVIF, up to 15 MB), cleaned and resized
import { adminRoute } from "@/lib/http/admin-route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { json } from "@/lib/http/route";
import { uploadedFileReader } from "@/lib/http/uploaded-file-reader";
import { MAX_UPLOAD_BYTES, uploadPhoto } from "@/lib/uploads/upload-photo";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = adminRoute(async ({ request, admin }) => {
  const readFile = uploadedFileReader(request, { field: "file", limitBytes: MAX_UPLOAD_BYTES });
  return json(await uploadPhoto(readFile, admin.actor), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
