import { describe, expect, it } from "vitest";
import { isoToShopTime, moneyText, parseMoney, parseWhole, shopTimeToIso } from "./form-values";

describe("admin form values", () => {
  it("reads money as decimals into minor units and back", () => {
    expect(parseMoney("12.5")).toBe(1250);
    expect(parseMoney("£3.05")).toBe(305);
    expect(parseMoney("7")).toBe(700);
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("-1")).toBeNull();
    expect(moneyText(1250)).toBe("12.50");
    expect(moneyText(5)).toBe("0.05");
  });

  it("reads whole numbers, empty as none", () => {
    expect(parseWhole("")).toBeNull();
    expect(parseWhole("12")).toBe(12);
    expect(parseWhole("1.5")).toBeNaN();
  });

  it("reads times as UK shop time in winter and summer", () => {
    expect(shopTimeToIso("2026-01-10T09:00")).toBe("2026-01-10T09:00:00.000Z");
    expect(shopTimeToIso("2026-07-10T09:00")).toBe("2026-07-10T08:00:00.000Z");
    expect(isoToShopTime("2026-07-10T08:00:00.000Z")).toBe("2026-07-10T09:00");
    expect(shopTimeToIso("soon")).toBeNull();
  });
});
