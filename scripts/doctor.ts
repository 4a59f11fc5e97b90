// npm run doctor – check this deployment's settings, database, Stripe and Resend before going live; exits 1 on any ✗
import { formatCheck } from "@/lib/doctor/doctor-check";
import { runDoctor } from "@/lib/doctor/run-doctor";
import { parseProductionEnv } from "@/lib/env";

const checks = await runDoctor(parseProductionEnv);
for (const check of checks) console.log(formatCheck(check));
const failures = checks.filter((check) => check.outcome === "fail").length;
const unreached = checks.filter((check) => check.outcome === "unreachable").length;
console.log(
  failures > 0
    ? `${failures} problem(s) to fix before going live.`
    : `Ready to go live${unreached > 0 ? ` (${unreached} check(s) could not reach their service: run it again where the network allows)` : ""}.`,
);
process.exitCode = failures > 0 ? 1 : 0;
