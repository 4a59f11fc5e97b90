// npm run data:export [-- --out DIR] – every product, customer, order, ledger row, code, rate, setting and email record as JSON files
import { parseArgs } from "node:util";
import { connectionConfig } from "@/lib/db/connection";
import { defaultExportDir, exportBundle } from "@/lib/exports/bundle/export-bundle";

try {
  const { values } = parseArgs({ options: { out: { type: "string" } } });
  await exportBundle({ source: connectionConfig(), outDir: values.out ?? defaultExportDir(), onProgress: (message) => console.log(message) });
  console.log(`Peak memory: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} catch (error) {
  console.error(`data:export failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
