import { describe, expect, it } from "vitest";
import { updateInput, updatePatchInput } from "./update-input";

const base = { name: "Friday update", items: [{ variantId: 1 }] };

describe("a shop update's input", () => {
  it("stores every instant as UTC with milliseconds, whatever offset it was written with", () => {
    const parsed = updateInput.parse({ ...base, previewAt: "2026-06-05T18:00+01:00", liveAt: "2026-06-05T19:00:00+01:00", closeAt: "2026-06-05T21:30:15.5Z" });
    expect(parsed).toMatchObject({ previewAt: "2026-06-05T17:00:00.000Z", liveAt: "2026-06-05T18:00:00.000Z", closeAt: "2026-06-05T21:30:15.500Z", holdMinutes: 10, limitPerCustomer: null });
    expect(parsed.items).toEqual([{ variantId: 1, quantity: null, limitPerCustomer: null }]);
  });

  it.each([
    ["no zone", "2026-06-05T19:00"],
    ["not a date", "2026-02-30T19:00:00Z"],
    ["outside the shop's years", "2199-06-05T19:00:00Z"],
  ])("refuses a time with %s, naming the field", (_name, liveAt) => {
    const result = updateInput.safeParse({ ...base, liveAt });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["liveAt"]);
  });

  it("refuses a colourway listed twice and a patch with an unknown field", () => {
    const twice = updateInput.safeParse({ ...base, liveAt: "2026-06-05T18:00:00Z", items: [{ variantId: 4 }, { variantId: 4 }] });
    expect(twice.error?.issues.map((issue) => issue.path.join("."))).toEqual(["items.1.variantId"]);
    expect(updatePatchInput.safeParse({ liveAt: "2026-06-05T18:00:00Z", state: "live" }).success).toBe(false);
    expect(updatePatchInput.parse({ closeAt: null })).toEqual({ closeAt: null });
  });
});
