import { describe, expect, it } from "vitest";
import { discountState } from "./list-discounts";

const base = { isActive: true, startsAt: null, endsAt: null, usageLimit: null, uses: 0 } as Parameters<typeof discountState>[0];
const now = "2026-06-01T12:00:00.000Z";

describe("a discount's state in the admin list", () => {
  it("is deactivated, scheduled, ended, used up or active, in that order of precedence", () => {
    expect(discountState({ ...base, isActive: false, usageLimit: 1, uses: 1 }, now)).toBe("inactive");
    expect(discountState({ ...base, startsAt: "2026-06-02T00:00:00.000Z" }, now)).toBe("scheduled");
    expect(discountState({ ...base, endsAt: "2026-06-01T12:00:00.000Z" }, now)).toBe("expired");
    expect(discountState({ ...base, usageLimit: 3, uses: 3 }, now)).toBe("used_up");
    expect(discountState({ ...base, usageLimit: 3, uses: 2, startsAt: "2026-05-01T00:00:00.000Z", endsAt: "2026-07-01T00:00:00.000Z" }, now)).toBe("active");
  });
});
