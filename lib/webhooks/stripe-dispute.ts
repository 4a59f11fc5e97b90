// A Dispute as Stripe sends it in `charge.dispute.*` events, validated, and turned into provider-neutral facts.
import { z } from "zod";
import { DISPUTE_STATUSES, type DisputeStatus } from "@/lib/db/schema";
import type { DisputeFacts } from "@/lib/orders/record-dispute";
import { idOf, idOrObject } from "./stripe-objects";


export const stripeDispute = z
  .object({
    id: z.string().min(1),
    amount: z.number().int().nonnegative(),
    currency: z.string().min(3),
    charge: idOrObject,
    payment_intent: idOrObject,
    reason: z.string().nullish(),
    status: z.string().min(1),
    /** Unix seconds; 0 when the bank allows no response. */
    evidence_details: z.object({ due_by: z.number().int().min(0).max(253402300799).nullish() }).loose().nullish(),
    livemode: z.boolean().nullish(),
  })
  .loose();
export type StripeDispute = z.infer<typeof stripeDispute>;

/**
 * Appeals (`appeal_needs_response`, `appeal_under_review`) are a dispute still open, so they map to
 * their first-round equivalents; a status this store does not know yet is kept open too: holding
 * an order by mistake costs a click, shipping a disputed one costs the goods.
 */
function disputeStatusOf(status: string): DisputeStatus {
  if ((DISPUTE_STATUSES as readonly string[]).includes(status)) return status as DisputeStatus;
  if (status === "appeal_needs_response") return "needs_response";
  return "under_review";
}

/** Null when the dispute names no payment intent (a charge made outside Checkout, not this shop's). */
export function disputeFactsFromStripe(dispute: StripeDispute): DisputeFacts | null {
  const paymentIntentId = idOf(dispute.payment_intent);
  if (!paymentIntentId) return null;
  const dueBy = dispute.evidence_details?.due_by;
  return {
    providerDisputeId: dispute.id,
    paymentIntentId,
    chargeId: idOf(dispute.charge),
    amount: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason?.trim() || "general",
    status: disputeStatusOf(dispute.status),
    evidenceDueBy: dueBy ? new Date(dueBy * 1000).toISOString() : null,
    isLivemode: dispute.livemode === true,
  };
}
