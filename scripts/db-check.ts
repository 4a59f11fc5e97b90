// npm run db:check – verify the shop's invariants on DATABASE_URL; exits 1 on any finding
import { openClient } from "@/lib/db/client";
import { connectionConfig } from "@/lib/db/connection";
import { checkInvariants } from "@/lib/integrity/check-invariants";

const config = connectionConfig();
console.log(`Checking ${config.url.replace(/\?.*$/, "")} …`);
const client = await openClient(config, { concurrency: 1 });
try {
  const report = await checkInvariants(client, (name, count) => {
    console.log(`${count === 0 ? "  ok  " : "  FAIL"}  ${name}${count === 0 ? "" : ` (${count}${count >= 50 ? "+" : ""})`}`);
  });
  for (const finding of report.findings) console.log(`  - ${finding.check}: ${finding.detail}`);
  const verdict = report.findings.length === 0 ? "no findings" : `${report.findings.length} finding(s)`;
  console.log(`${report.checked.length} checks, ${verdict}.`);
  process.exitCode = report.findings.length === 0 ? 0 : 1;
} catch (error) {
  console.error(`db:check could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  client.close();
}
