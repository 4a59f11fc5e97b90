// What a cart line says about its stock: sold out, short, held in another shopper's payment, or lowered for the shopper.
import type { CartResponseItem } from "@/lib/cart/cart-response";

const ukTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

/** A hold lasts about half an hour, so the time of day is enough; the shop's customers read UK time. */
const heldUntilText = (heldUntil: string | null) => (heldUntil ? ` until ${ukTime.format(new Date(heldUntil))} (UK time)` : "");

/**
 * The notice under a line that wants more than can be bought now. A unit held by another shopper's
 * open payment is not sold: it comes back if that payment is not made, so the line says so and
 * when, instead of calling it sold out.
 */
export function shortStockNotice(item: Pick<CartResponseItem, "available" | "held" | "heldUntil">, quantity: number): string | null {
  if (quantity <= item.available) return null;
  const until = heldUntilText(item.heldUntil);
  if (item.available === 0) {
    if (item.held === 0) return "Sold out since you added it.";
    return `Another shopper is paying for ${item.held === 1 ? "the last one" : `the last ${item.held}`} right now: held for them${until}. It may come back if they do not complete their payment.`;
  }
  const short = `Only ${item.available} available. Please lower the quantity.`;
  if (item.held === 0) return short;
  return `${short} ${item.held} more ${item.held === 1 ? "is" : "are"} held in another shopper's payment${until} and may come back.`;
}

/** Said when the shopper's number was lowered for them, so it never changes silently. */
export function loweredQuantityNotice(wanted: number, quantity: number, reason: "stock" | "limit"): string {
  return reason === "limit"
    ? `Lowered from ${wanted} to ${quantity}: the most you can buy of each item in one order.`
    : `Lowered from ${wanted} to ${quantity}: that is all we have left.`;
}
