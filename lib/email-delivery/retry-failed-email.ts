// The owner's "Retry now" on a failed email: the outbox row due again and its trace, in one transaction.
import { writeTransaction } from "@/lib/db";
import { requeueFailedEmail } from "@/lib/email/outbox-status";
import { recordOrderEvents } from "@/lib/orders/order-events";

export async function retryFailedEmail(params: { id: number; actor: string }): Promise<{ id: number }> {
  return writeTransaction(async (tx) => {
    const { id, events } = await requeueFailedEmail(tx, params);
    await recordOrderEvents(tx, events);
    return { id };
  });
}
