// The manifest written beside every backup, and the checks a restore makes against it.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { z } from "zod";

export const backupManifestSchema = z.object({
  format: z.literal("hedgerow-backup/1"),
  /** `snapshot`: a SQLite file made by VACUUM INTO; `logical`: an SQL dump (schema, then rows). */
  kind: z.enum(["snapshot", "logical"]),
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  /** The database it was taken from, without credentials. */
  source: z.string(),
  lastMigration: z.object({ tag: z.string().nullable(), hash: z.string(), appliedAt: z.string() }).nullable(),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * HMAC-SHA256 under BACKUP_SIGNING_KEY of every other field (the file's SHA-256 among them), so it
   * covers the backup and its manifest; absent when no key was set (see backup-signature.ts).
   */
  hmacSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** A backup a restore will not load (its content, signature or target is not acceptable); nothing was written. */
export class RestoreRefusedError extends Error {}

const BACKUP_EXTENSION = /\.(db|sql)$/;

/** `backups/store-20261201-101500.db` → `backups/store-20261201-101500.manifest.json`. */
export function manifestPathFor(backupFile: string): string {
  if (!BACKUP_EXTENSION.test(backupFile)) throw new Error(`${backupFile} is not a backup: expected a .db or .sql file`);
  return backupFile.replace(BACKUP_EXTENSION, ".manifest.json");
}

export function readManifest(backupFile: string): BackupManifest {
  const manifestFile = manifestPathFor(backupFile);
  if (!existsSync(manifestFile)) throw new Error(`No manifest beside the backup: ${manifestFile} is missing`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestFile, "utf8"));
  } catch (error) {
    throw new Error(`${manifestFile} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
    throw new Error(`${manifestFile} is not a backup manifest: ${problems}`);
  }
  return parsed.data;
}

export function manifestJson(manifest: BackupManifest): string {
  return `${JSON.stringify(backupManifestSchema.parse(manifest), null, 2)}\n`;
}

/** SHA-256 of a file, streamed so a large backup never sits in memory. */
export async function sha256OfFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** Names the tables whose counts differ between what a manifest promised and what a database holds. */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((name) => expected[name] !== actual[name])
    .map((name) => `${name}: manifest ${expected[name] ?? "(absent)"}, database ${actual[name] ?? "(absent)"}`);
}
