// When a waiting room's pass was first handed out: gathered in memory and written once a second, so the room's busiest minute costs one write a second, not one per shopper.
import { gatheredWrites } from "@/lib/db/gathered-writes";
import { admissionStatement } from "./room-entries";

/** Entries written per statement: two bound values each, well under SQLite's parameter limit. */
const ADMISSIONS_PER_STATEMENT = 400;

type Admission = { entryId: number; at: string };

const admissions = gatheredWrites<Admission>({
  what: "waiting-room admission(s)",
  intervalMs: 1_000,
  keyOf: (admission) => String(admission.entryId),
  merge: (held, next) => (next.at < held.at ? next : held),
  statementsOf: (gathered) => {
    const statements = [];
    for (let start = 0; start < gathered.length; start += ADMISSIONS_PER_STATEMENT) statements.push(admissionStatement(gathered.slice(start, start + ADMISSIONS_PER_STATEMENT)));
    return statements;
  },
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
