// The local storage driver: photos as files under DATA_DIR/uploads, served by app/uploads/[...key].
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StoredObject, UploadStorage } from "./storage";
import { contentTypeOfKey, isUploadKey } from "./upload-key";
import { LOCAL_UPLOADS_PATH } from "./upload-url";

export function localUploadsDir(dataDir: string): string {
  return path.resolve(/*turbopackIgnore: true*/ dataDir, "uploads");
}

export function localDiskStorage(dataDir: string): UploadStorage & Required<Pick<UploadStorage, "read">> {
  const dir = localUploadsDir(dataDir);
  // Keys are checked against one strict pattern (no slashes, no dots but the extension's), so a key
  // can never name a file outside the folder.
  const fileOf = (key: string) => {
    if (!isUploadKey(key)) throw new Error(`Not an upload key: ${JSON.stringify(key)}`);
    return path.join(dir, key);
  };
  return {
    driver: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(dir, { recursive: true });
      // `wx`: a key is random and used once; never replace a file some page may already show.
      await writeFile(file, bytes, { flag: "wx" });
      return { url: `${LOCAL_UPLOADS_PATH}/${key}` };
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async read(key): Promise<StoredObject | null> {
      if (!isUploadKey(key)) return null;
      try {
        return { bytes: await readFile(fileOf(key)), contentType: contentTypeOfKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
