import { describe, expect, it } from "vitest";
import { isUsageLimitReached } from "./discount-usage";

describe("the discount usage limit", () => {
  it("is reached by paid uses alone", () => {
    expect(isUsageLimitReached({ usageLimit: 10, uses: 10, held: 0 })).toBe(true);
    expect(isUsageLimitReached({ usageLimit: null, uses: 10_000, held: 50 })).toBe(false);
  });

  it("cannot be used up by open checkouts while three or more uses are left", () => {
    for (const usageLimit of [3, 5, 8, 10, 100]) {
      expect(isUsageLimitReached({ usageLimit, uses: 0, held: 1_000 }), String(usageLimit)).toBe(false);
    }
  });

  it("counts holds in full for the last one or two uses", () => {
    expect(isUsageLimitReached({ usageLimit: 3, uses: 1, held: 2 })).toBe(true);
    expect(isUsageLimitReached({ usageLimit: 3, uses: 1, held: 1 })).toBe(false);
    expect(isUsageLimitReached({ usageLimit: 1, uses: 0, held: 1 })).toBe(true);
  });
});
