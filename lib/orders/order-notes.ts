// Internal notes on an order: the owner's words in its history, never shown to the shopper.
import { writeTransaction } from "@/lib/db";
import { getOrderOrThrow } from "./order-row";
import { recordOrderEvent } from "./order-events";

export async function addOrderNote(params: { orderId: number; note: string; actor: string }): Promise<void> {
  await writeTransaction(async (tx) => {
    await getOrderOrThrow(tx, params.orderId);
    await recordOrderEvent(tx, { orderId: params.orderId, type: "note_added", message: params.note.trim(), actor: params.actor });
  });
}
