import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/shop-calendar";
import { isInShopYears, MAX_RANGE_DAYS, SHOP_FIRST_DAY, SHOP_LAST_DAY, shopDay, shopDayRange } from "./shop-day-input";

const problemOf = (value: string) => {
  const parsed = shopDay.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe("the shop days the shop accepts", () => {
  it("takes real dates between 2000-01-01 and 2100-12-31, leap days included", () => {
    for (const value of ["2000-01-01", "2000-02-29", "2024-02-29", "2026-03-29", "2026-10-25", "2100-12-31"]) expect(problemOf(value), value).toBeNull();
  });

  it("says why a day is refused: its form, its year or its existence", () => {
    expect(problemOf("2026-1-1")).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf("")).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf("+010000-01-01")).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf("٢٠٢٦-٠١-٠١")).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf("２０２６-０１-０１")).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf(`2026-01-01${"9".repeat(100_000)}`)).toBe("must be a date written YYYY-MM-DD");
    expect(problemOf("9999-12-31")).toBe("must be between 2000-01-01 and 2100-12-31");
    expect(problemOf("0000-01-01")).toBe("must be between 2000-01-01 and 2100-12-31");
    expect(problemOf("1999-12-31")).toBe("must be between 2000-01-01 and 2100-12-31");
    expect(problemOf("2101-01-01")).toBe("must be between 2000-01-01 and 2100-12-31");
    expect(problemOf("2001-02-29")).toBe("is not a real date");
    expect(problemOf("2026-13-01")).toBe("is not a real date");
    expect(problemOf("2026-02-30")).toBe("is not a real date");
  });

  it(`takes a range of up to ${MAX_RANGE_DAYS} days, in order, and names the limit when it is longer`, () => {
    const from = "2024-01-01";
    expect(shopDayRange.safeParse({ from, to: from }).success).toBe(true);
    expect(shopDayRange.safeParse({ from, to: addDays(from, MAX_RANGE_DAYS - 1) }).success).toBe(true);
    // Three whole calendar years, leap day included, fit.
    expect(shopDayRange.safeParse({ from: "2024-01-01", to: "2026-12-31" }).success).toBe(true);
    const tooLong = shopDayRange.safeParse({ from, to: addDays(from, MAX_RANGE_DAYS) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues).toEqual([
      expect.objectContaining({ path: ["to"], message: "a range covers at most 1,100 days (about three years); this one covers 1,101" }),
    ]);
    const reversed = shopDayRange.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(reversed.error!.issues).toEqual([expect.objectContaining({ path: ["to"], message: "must be on or after the start date" })]);
    expect(shopDayRange.safeParse({ from: SHOP_FIRST_DAY, to: SHOP_LAST_DAY }).success).toBe(false);
    expect(shopDayRange.safeParse({ from: "9999-12-25", to: "9999-12-31" }).success).toBe(false);
  });

  it("bounds timestamps to the same years", () => {
    expect(isInShopYears("2026-05-01T10:00:00.000Z")).toBe(true);
    expect(isInShopYears("9999-12-31T23:59:59.999Z")).toBe(false);
    expect(isInShopYears("0000-01-01T00:00:00.000Z")).toBe(false);
  });
});
