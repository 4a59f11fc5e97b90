// The most units one cart line may hold (also a CHECK constraint on cart_items); safe for client code.
export const MAX_LINE_QUANTITY = 99;
