// Test factory for outbox rows in a given delivery state.
import { randomUUID } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";

let sequence = 0;

export async function createEmailRow(spec: {
  orderId?: number | null;
  status: "pending" | "sent" | "failed";
  subject?: string;
  lastError?: string | null;
  attempts?: number;
  updatedAt?: string;
}): Promise<number> {
  sequence += 1;
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(emailOutbox)
      .values({
        orderId: spec.orderId ?? null,
        kind: `kind-${sequence}`,
        toAddress: "knitter@example.com",
        subject: spec.subject ?? "Your order",
        html: "<p>Hello</p>",
        text: "Hello",
        status: spec.status,
        attempts: spec.attempts ?? 1,
        lastError: spec.lastError ?? null,
        idempotencyKey: randomUUID(),
        updatedAt: spec.updatedAt ?? new Date().toISOString(),
      })
      .returning({ id: emailOutbox.id });
    return row!.id;
  });
}
