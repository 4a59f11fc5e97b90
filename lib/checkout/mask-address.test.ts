import { describe, expect, it } from "vitest";
import { maskAddress } from "./mask-address";

describe("maskAddress", () => {
  it("keeps initials, the house number, the street's and town's first letters and a UK postcode's outward part", () => {
    expect(maskAddress({ name: "Grace Hopper", line1: "3 Weavers Row", city: "Halifax", postalCode: "hx1 1aa" })).toBe("G. H., 3 W…, H…, HX1 …");
  });

  it("hides a street without a number and most of a code without a space", () => {
    expect(maskAddress({ name: "Ines", line1: "Rue des Fileuses 12", city: "Lyon", postalCode: "69001" })).toBe("I., R…, L…, 69…");
  });

  it("leaves out what is blank rather than showing an empty part", () => {
    expect(maskAddress({ name: " ", line1: "12", city: "", postalCode: "" })).toBe("12");
  });
});
