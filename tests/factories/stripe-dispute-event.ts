// Test factory: `charge.dispute.*` events shaped as Stripe sends them, for one payment intent.
import { stripeEvent } from "@/lib/payments/local/build-checkout-session-event";
import { newStripeId, type StripeEventPayload } from "./stripe-event";

export type DisputeEventType =
  | "charge.dispute.created"
  | "charge.dispute.updated"
  | "charge.dispute.closed"
  | "charge.dispute.funds_withdrawn"
  | "charge.dispute.funds_reinstated";

export type DisputeEventParams = {
  type: DisputeEventType;
  disputeId: string;
  paymentIntentId: string;
  status: string;
  amount?: number;
  currency?: string;
  reason?: string;
  /** Evidence deadline (default 12 Dec 2026, noon UTC). */
  dueBy?: Date | null;
  livemode?: boolean;
  eventId?: string;
};

export function buildDisputeEvent(params: DisputeEventParams): StripeEventPayload {
  const dueBy = params.dueBy === undefined ? new Date("2026-12-12T12:00:00.000Z") : params.dueBy;
  return stripeEvent(
    params.type,
    {
      id: params.disputeId,
      object: "dispute",
      amount: params.amount ?? 2400,
      currency: (params.currency ?? "gbp").toLowerCase(),
      charge: newStripeId("ch"),
      payment_intent: params.paymentIntentId,
      reason: params.reason ?? "fraudulent",
      status: params.status,
      created: Math.floor(Date.now() / 1000),
      evidence_details: { due_by: dueBy ? Math.floor(dueBy.getTime() / 1000) : null, has_evidence: false, past_due: false, submission_count: 0 },
      is_charge_refundable: false,
      livemode: params.livemode ?? false,
      metadata: {},
    },
    { eventId: params.eventId },
  );
}
