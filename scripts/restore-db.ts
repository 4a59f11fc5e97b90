// npm run db:restore <backup file> [-- --force] [--allow-unsigned] – load a backup into DATABASE_URL and verify it against its manifest
import { parseArgs } from "node:util";
import { connectionConfig } from "@/lib/db/connection";
import { restoreBackup } from "@/lib/exports/backup/restore-backup";

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: "boolean" }, "allow-unsigned": { type: "boolean" } } });
  if (positionals.length !== 1) throw new Error("usage: npm run db:restore -- <backups/store-YYYYMMDD-HHMMSS.db|.sql> [--force] [--allow-unsigned]");
  await restoreBackup({ backupFile: positionals[0]!, target: connectionConfig(), force: values.force, allowUnsigned: values["allow-unsigned"], onProgress: (message) => console.log(message) });
} catch (error) {
  console.error(`db:restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
