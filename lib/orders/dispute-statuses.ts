// Which dispute statuses are over, and which keep the order off the shelf.
import type { DisputeStatus } from "@/lib/db/schema";
import { STORE_TIME_ZONE } from "@/lib/time";

/** Stripe never reopens these, so a late `updated` carrying an open status cannot undo them. */
export const FINAL_DISPUTE_STATUSES = ["won", "lost", "warning_closed", "prevented"] as const satisfies readonly DisputeStatus[];

export function isFinalDisputeStatus(status: DisputeStatus): boolean {
  return (FINAL_DISPUTE_STATUSES as readonly DisputeStatus[]).includes(status);
}

/**
 * An open dispute may still take the money, and a lost one took it: either way the goods must not
 * ship, so both keep the order's `disputed` flag. Won, warning_closed and prevented end in the shop's favour.
 */
export const HOLDING_DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
  "lost",
] as const satisfies readonly DisputeStatus[];

export function isHoldingDisputeStatus(status: DisputeStatus): boolean {
  return (HOLDING_DISPUTE_STATUSES as readonly DisputeStatus[]).includes(status);
}

export const DISPUTE_STATUS_LABELS: Record<DisputeStatus, string> = {
  warning_needs_response: "Inquiry: needs your response",
  warning_under_review: "Inquiry: under review",
  warning_closed: "Inquiry closed",
  needs_response: "Needs your response",
  under_review: "Under review by the bank",
  won: "Won",
  lost: "Lost",
  prevented: "Prevented",
};

/** "12 Dec 2026", in the shop's time zone. */
export function formatDisputeDate(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: STORE_TIME_ZONE }).format(new Date(iso));
}

/** Where the owner answers a dispute: Stripe's dashboard, under /test/ for a test-mode one. */
export function stripeDisputeUrl(providerDisputeId: string, isLivemode: boolean): string {
  return `https://dashboard.stripe.com/${isLivemode ? "" : "test/"}disputes/${encodeURIComponent(providerDisputeId)}`;
}
