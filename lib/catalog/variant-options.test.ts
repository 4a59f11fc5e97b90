import { describe, expect, it } from "vitest";
import { optionLabel, optionNamesOf, optionValuesOf, pickVariant } from "./variant-options";

const variants = [
  { id: 1, options: { colour: "Natural", weight: "4ply" } },
  { id: 2, options: { colour: "Natural", weight: "DK" } },
  { id: 3, options: { colour: "Moss", weight: "4ply" } },
];

describe("variant options", () => {
  it("lists option names and values in the order the variants use them", () => {
    expect(optionNamesOf(variants)).toEqual(["colour", "weight"]);
    expect(optionValuesOf(variants, "colour")).toEqual(["Natural", "Moss"]);
    expect(optionValuesOf(variants, "weight")).toEqual(["4ply", "DK"]);
  });

  it("labels option names for people", () => {
    expect(optionLabel("colour")).toBe("Colour");
    expect(optionLabel("yarn_weight")).toBe("Yarn weight");
  });

  it("keeps the other choices when the combination exists", () => {
    expect(pickVariant(variants, { colour: "Natural", weight: "4ply" }, "weight", "DK")?.id).toBe(2);
  });

  it("moves the other choices when the combination does not exist", () => {
    expect(pickVariant(variants, { colour: "Natural", weight: "DK" }, "colour", "Moss")?.id).toBe(3);
  });
});
