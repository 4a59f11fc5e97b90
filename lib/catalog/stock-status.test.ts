import { describe, expect, it } from "vitest";
import { stockStatus } from "./stock-status";

describe("stock wording", () => {
  it("says sold out at zero", () => {
    expect(stockStatus(0, 5)).toEqual({ state: "sold_out", label: "Sold out" });
  });

  it("says only X left at and below the low-stock threshold", () => {
    expect(stockStatus(5, 5)).toEqual({ state: "low", label: "Only 5 left" });
    expect(stockStatus(1, 5)).toEqual({ state: "low", label: "Only 1 left" });
  });

  it("says in stock above the threshold", () => {
    expect(stockStatus(6, 5).state).toBe("in_stock");
  });

  it("never says only 0 left when the threshold is 0", () => {
    expect(stockStatus(0, 0).state).toBe("sold_out");
    expect(stockStatus(1, 0).state).toBe("in_stock");
  });
});
