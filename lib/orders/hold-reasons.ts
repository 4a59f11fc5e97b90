// Why an order needs the owner: the flags the payment and dispute webhooks set, which of them hold the order, and their names.

/**
 * Each flag is also the type of the order event that explains it (written in the same transaction).
 * Holding flags put a paid order on hold until the owner looks; the others only mark it.
 */
export const ORDER_FLAGS = {
  stock_shortfall: { isHolding: true, label: "Not enough stock" },
  payment_mismatch: { isHolding: true, label: "Payment does not match the quote" },
  shipping_country_mismatch: { isHolding: true, label: "Address outside the quoted country" },
  discount_limit_exceeded: { isHolding: false, label: "Discount over its limit" },
  /** Set by the dispute webhooks (lib/orders/record-dispute.ts) while a dispute is open or was lost. */
  disputed: { isHolding: true, label: "Disputed" },
} as const satisfies Record<string, { isHolding: boolean; label: string }>;

export type OrderFlag = keyof typeof ORDER_FLAGS;

/** Every flag, in the order listed above (the admin's order filter offers them). */
export const ORDER_FLAG_NAMES = Object.keys(ORDER_FLAGS) as [OrderFlag, ...OrderFlag[]];

export function isHoldingFlag(flag: OrderFlag): boolean {
  return ORDER_FLAGS[flag].isHolding;
}

/**
 * Events that say why an order is on hold: the flags' own events. The webhook writes the cause and a
 * `status_changed` to on_hold in the same moment; the cause is the informative one, so it wins a tie,
 * while a later hold by the owner (a `status_changed` to on_hold with their message) wins by being newer.
 */
export const HOLD_CAUSE_EVENT_TYPES: readonly OrderFlag[] = ORDER_FLAG_NAMES;

/** How the admin names a hold's cause: a flag's label, or "Put on hold" for the owner's own hold. */
export function holdReasonLabel(type: string): string {
  if (type in ORDER_FLAGS) return ORDER_FLAGS[type as OrderFlag].label;
  if (type === "status_changed") return "Put on hold";
  return type.replaceAll("_", " ");
}
