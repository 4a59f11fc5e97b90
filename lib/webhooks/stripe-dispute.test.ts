import { describe, expect, it } from "vitest";
import { disputeFactsFromStripe, stripeDispute } from "./stripe-dispute";

const dispute = (overrides: Record<string, unknown>) =>
  stripeDispute.parse({ id: "du_1", amount: 2400, currency: "gbp", charge: "ch_1", payment_intent: "pi_1", reason: "fraudulent", status: "needs_response", evidence_details: { due_by: 1_797_076_800 }, livemode: false, ...overrides });

describe("disputeFactsFromStripe", () => {
  it("reads the dispute in the shop's terms: upper-case currency, ISO evidence deadline, expanded ids", () => {
    expect(disputeFactsFromStripe(dispute({ payment_intent: { id: "pi_9", object: "payment_intent" } }))).toEqual({
      providerDisputeId: "du_1",
      paymentIntentId: "pi_9",
      chargeId: "ch_1",
      amount: 2400,
      currency: "GBP",
      reason: "fraudulent",
      status: "needs_response",
      evidenceDueBy: "2026-12-12T12:00:00.000Z",
      isLivemode: false,
    });
  });

  it("keeps appeals and statuses it does not know open, so the order stays held", () => {
    expect(disputeFactsFromStripe(dispute({ status: "appeal_needs_response" }))?.status).toBe("needs_response");
    expect(disputeFactsFromStripe(dispute({ status: "appeal_under_review" }))?.status).toBe("under_review");
    expect(disputeFactsFromStripe(dispute({ status: "something_new" }))?.status).toBe("under_review");
    expect(disputeFactsFromStripe(dispute({ status: "won" }))?.status).toBe("won");
  });

  it("treats a deadline of 0 (no response allowed) as none, and a dispute without a payment intent as not the shop's", () => {
    expect(disputeFactsFromStripe(dispute({ evidence_details: { due_by: 0 } }))?.evidenceDueBy).toBeNull();
    expect(disputeFactsFromStripe(dispute({ payment_intent: null }))).toBeNull();
  });

  it("refuses a deadline past what a timestamp can hold", () => {
    expect(() => dispute({ evidence_details: { due_by: 1e15 } })).toThrow();
  });
});
