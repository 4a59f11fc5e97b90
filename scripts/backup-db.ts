// npm run db:backup [-- --out DIR] [--keep N] [--logical] – a verified backup of DATABASE_URL with its manifest
import { parseArgs } from "node:util";
import { connectionConfig } from "@/lib/db/connection";
import { createBackup } from "@/lib/exports/backup/create-backup";

try {
  const { values } = parseArgs({ options: { out: { type: "string" }, keep: { type: "string" }, logical: { type: "boolean" } } });
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  await createBackup({ source: connectionConfig(), outDir: values.out ?? "backups", keep, logical: values.logical, onProgress: (message) => console.log(message) });
} catch (error) {
  console.error(`db:backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
