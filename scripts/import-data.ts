// npm run data:import <export folder> – load an export into an empty DATABASE_URL (migrated first), all or nothing
import { parseArgs } from "node:util";
import { closeDb } from "@/lib/db";
import { importBundle } from "@/lib/exports/bundle/import-bundle";

try {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Error("usage: npm run data:import -- <exports/YYYYMMDD-HHMMSS>");
  await importBundle({ dir: positionals[0]!, onProgress: (message) => console.log(message) });
  console.log(`Peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} catch (error) {
  console.error(`data:import failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Nothing was imported.");
  process.exitCode = 1;
} finally {
  await closeDb();
}
