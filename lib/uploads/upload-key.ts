// An upload's storage key: its random id and the extension of its kind, e.g. `k3J9…Qw.webp`.
import { randomBytes } from "node:crypto";
import type { UploadContentType } from "@/lib/db/schema";

const EXTENSIONS = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/avif": "avif" } as const satisfies Record<UploadContentType, string>;

const KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}\.(jpg|png|webp|avif)$/;

export function newUploadId(): string {
  return randomBytes(16).toString("base64url");
}

export function uploadKeyOf(id: string, contentType: UploadContentType): string {
  return `${id}.${EXTENSIONS[contentType]}`;
}

export function isUploadKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function contentTypeOfKey(key: string): UploadContentType {
  const extension = key.slice(key.lastIndexOf(".") + 1);
  const found = (Object.entries(EXTENSIONS) as [UploadContentType, string][]).find(([, value]) => value === extension);
  if (!found) throw new Error(`Not an upload key: ${JSON.stringify(key)}`);
  return found[0];
}
