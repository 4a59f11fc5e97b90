// The audit log's one writer: admin changes that are not order events or stock moves leave a row here.
import type { Tx } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";

export type AuditEntry = {
  /** Who did it: `admin:<id>`, `system`, `script:<name>`. */
  actor: string;
  /** What happened, `<entity>.<verb>`: `product.updated`, `settings.updated`, `customer.erased`. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  data?: Record<string, unknown> | null;
};

/** Written in the caller's transaction, so the change and its trace commit together or not at all. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actor: entry.actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    data: entry.data ?? null,
  });
}
