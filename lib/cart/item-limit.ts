// The shop's per-item cap (the maxUnitsPerVariant setting) in words a shopper can act on.

/** Why a cart write was refused; `inCart` is what the line holds already. */
export function itemLimitMessage(maxQuantity: number, inCart: number): string {
  const limit = `You can buy at most ${maxQuantity} of each item in one order`;
  return inCart > 0 ? `${limit}, and you already have ${inCart} in your cart.` : `${limit}.`;
}
