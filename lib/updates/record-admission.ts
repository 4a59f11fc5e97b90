// When a waiting room's pass was first handed out: gathered in memory and written once a second, so the room's busiest minute costs one write a second, not one per shopper.
import { gatheredWrites } from "@/lib/db/gathered-writes";
import { admissionStatements } from "./room-entries";

type Admission = { entryId: number; at: string };

const admissions = gatheredWrites<Admission>({
  what: "waiting-room admission(s)",
  intervalMs: 1_000,
  keyOf: (admission) => String(admission.entryId),
  merge: (held, next) => (next.at < held.at ? next : held),
  statementsOf: admissionStatements,
});

/**
 * Notes the admission for the owner's live view and the room's measures. The pass itself is the
 * shopper's proof (a signed token), so nothing waits on this write; a process that dies loses at most
 * a second's marks, and an entry marked late is never marked before its place's minute.
 */
export function recordAdmission(admission: Admission): void {
  admissions.add(admission);
}

/** Writes the gathered admissions now: the live view calls it before reading, tests before counting. */
export function flushAdmissions(): Promise<void> {
  return admissions.flush();
}
