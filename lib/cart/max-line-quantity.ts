// The most units one cart line can ever hold (also a CHECK constraint on cart_items): the ceiling of
// the shop's own per-item cap, the maxUnitsPerVariant setting, which is what carts and checkouts enforce.
export const MAX_LINE_QUANTITY = 99;
