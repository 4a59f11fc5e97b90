// GET /uploads/<key> – a stored photo's bytes (local storage driver), cached for good: keys never change
import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { readLocalUpload } from "@/lib/uploads/read-local-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route<{ key: string[] }>(async ({ params }) => {
  const photo = await readLocalUpload(params.key);
  if (!photo) return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  return new NextResponse(new Uint8Array(photo.bytes), {
    headers: {
      "content-type": photo.contentType,
      "content-length": String(photo.bytes.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
});
