// Optional signing of backups with BACKUP_SIGNING_KEY: the SHA-256 in a manifest only shows the file
import "server-only";
// was not damaged, since whoever changes the file can rewrite it too; an HMAC needs the key.
import { createHmac, timingSafeEqual } from "node:crypto";
import { RestoreRefusedError, type BackupManifest } from "./backup-manifest";

export const MIN_BACKUP_SIGNING_KEY = 32;

/** A usable key, or null when none is set; a key too short to resist guessing is refused outright. */
export function backupSigningKey(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (value.length < MIN_BACKUP_SIGNING_KEY) {
    throw new Error(`BACKUP_SIGNING_KEY must be at least ${MIN_BACKUP_SIGNING_KEY} characters (it has ${value.length}); make one with: openssl rand -base64 48`);
  }
  return value;
}

/** JSON with every object's keys sorted: the same manifest always gives the same bytes to sign. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The signature of a manifest: every field but the signature itself, under a label for this purpose only. */
export function signManifest(manifest: BackupManifest, key: string): string {
  const signed = canonicalJson({ ...manifest, hmacSha256: undefined });
  return createHmac("sha256", key).update(`hedgerow-backup-signature/1\n${signed}`).digest("hex");
}

export type SignatureCheck = { key: string | null; allowUnsigned: boolean; report: (message: string) => void };

/**
 * Applies the signing policy before a backup is read: with a key, a signature must verify and an
 * unsigned backup is refused unless --allow-unsigned; without one, nothing can be checked (said once).
 */
export function checkManifestSignature(manifest: BackupManifest, { key, allowUnsigned, report }: SignatureCheck): void {
  if (key === null) {
    if (manifest.hmacSha256) report("This backup is signed, but BACKUP_SIGNING_KEY is not set: its signature was NOT checked.");
    return;
  }
  if (!manifest.hmacSha256) {
    if (!allowUnsigned) {
      throw new RestoreRefusedError(
        "BACKUP_SIGNING_KEY is set but this backup is not signed, so nothing shows who made it. " +
          "If you know where it came from, pass --allow-unsigned to restore it anyway.",
      );
    }
    report("WARNING: restoring an UNSIGNED backup (--allow-unsigned): nothing shows who made it or that it is unchanged.");
    return;
  }
  const expected = Buffer.from(signManifest(manifest, key), "hex");
  const given = Buffer.from(manifest.hmacSha256, "hex");
  if (!timingSafeEqual(expected, given)) {
    throw new RestoreRefusedError(
      "The backup's signature does not verify: the backup or its manifest was changed after it was signed, or it was signed with another BACKUP_SIGNING_KEY",
    );
  }
  report("Signature ok: made with this BACKUP_SIGNING_KEY and unchanged since (HMAC-SHA256).");
}
