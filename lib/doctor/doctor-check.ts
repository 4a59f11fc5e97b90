// One line of `npm run doctor`: a check that passed, failed (with its fix), or could not reach its service.

export type DoctorOutcome = "ok" | "fail" | "unreachable";

export type DoctorCheck = { name: string; outcome: DoctorOutcome; detail: string };

export const passed = (name: string, detail = ""): DoctorCheck => ({ name, outcome: "ok", detail });
/** `fix` says what to change, not only what is wrong: the owner reads it while setting up. */
export const failed = (name: string, fix: string): DoctorCheck => ({ name, outcome: "fail", detail: fix });
/** Offline or a service down is not a wrong setting: it is reported, and does not fail the run. */
export const unreachable = (name: string, detail: string): DoctorCheck => ({ name, outcome: "unreachable", detail });

const MARKS: Record<DoctorOutcome, string> = { ok: "✓", fail: "✗", unreachable: "?" };

export function formatCheck(check: DoctorCheck): string {
  const detail = check.outcome === "unreachable" ? `could not reach: ${check.detail}` : check.detail;
  return `${MARKS[check.outcome]} ${check.name}${detail ? ` — ${detail}` : ""}`;
}

/** How long a doctor waits for any one service before saying it could not reach it. */
export const DOCTOR_NETWORK_TIMEOUT_MS = 5_000;

export class DoctorTimeoutError extends Error {}

export async function withTimeout<T>(work: Promise<T>, ms: number = DOCTOR_NETWORK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DoctorTimeoutError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
