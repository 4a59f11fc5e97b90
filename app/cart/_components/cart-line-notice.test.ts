import { describe, expect, it } from "vitest";
import { loweredQuantityNotice, shortStockNotice } from "./cart-line-notice";

// 14:35 in London on a summer day (BST, UTC+1).
const HOLD_ENDS = "2026-07-15T13:35:00.000Z";

describe("a cart line's stock notice", () => {
  it("says nothing while the line can be bought as it is", () => {
    expect(shortStockNotice({ available: 3, held: 2, heldUntil: HOLD_ENDS }, 3)).toBeNull();
  });

  it("calls a unit held by another shopper's payment held, with the UK time the hold ends, not sold out", () => {
    expect(shortStockNotice({ available: 0, held: 1, heldUntil: HOLD_ENDS }, 1)).toBe(
      "Another shopper is paying for the last one right now: held for them until 14:35 (UK time). It may come back if they do not complete their payment.",
    );
    expect(shortStockNotice({ available: 0, held: 3, heldUntil: "2026-12-15T09:05:00.000Z" }, 2)).toContain("the last 3 right now: held for them until 09:05 (UK time)");
  });

  it("keeps 'sold out' for stock that is truly gone", () => {
    expect(shortStockNotice({ available: 0, held: 0, heldUntil: null }, 1)).toBe("Sold out since you added it.");
  });

  it("asks for a lower quantity when some are left, and says when held units may come back", () => {
    expect(shortStockNotice({ available: 2, held: 0, heldUntil: null }, 4)).toBe("Only 2 available. Please lower the quantity.");
    expect(shortStockNotice({ available: 2, held: 1, heldUntil: HOLD_ENDS }, 4)).toBe(
      "Only 2 available. Please lower the quantity. 1 more is held in another shopper's payment until 14:35 (UK time) and may come back.",
    );
  });

  it("says so when the shopper's number was lowered for them", () => {
    expect(loweredQuantityNotice(5, 2, "stock")).toBe("Lowered from 5 to 2: that is all we have left.");
    expect(loweredQuantityNotice(30, 10, "limit")).toBe("Lowered from 30 to 10: the most you can buy of each item in one order.");
  });
});
