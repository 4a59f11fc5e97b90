import { describe, expect, it } from "vitest";
import { readCountCsv } from "./read-count-csv";

describe("reading a stock count file", () => {
  it("reads sku,quantity lines (any header case, a BOM, blank lines, lower-case SKUs)", () => {
    const result = readCountCsv("\uFEFFSKU,Quantity\r\nms-haw,12\r\n\r\nBFL-HEA, 0 \r\n", 1000);
    expect(result).toEqual({ lines: [{ sku: "MS-HAW", quantity: 12 }, { sku: "BFL-HEA", quantity: 0 }], problems: [] });
  });

  it("names every bad line by its number", () => {
    const { problems } = readCountCsv("sku,quantity\nA,1.5\n,3\nB,-1\nA,2\nC,\n", 1000);
    expect(problems).toEqual([
      "Line 2: the quantity of A must be a whole number, zero or more.",
      "Line 3: the SKU is missing.",
      "Line 4: the quantity of B must be a whole number, zero or more.",
      "Line 5: A is listed twice.",
      "Line 6: the quantity of C must be a whole number, zero or more.",
    ]);
  });

  it("refuses a file without the two columns, an empty one, and one over the cap", () => {
    expect(readCountCsv("code,count\nA,1\n", 1000).problems).toEqual(["The first line must name the columns: sku,quantity."]);
    expect(readCountCsv("sku,quantity\n", 1000).problems).toEqual(["The file has no lines to apply."]);
    expect(readCountCsv("sku,quantity\nA,1\nB,2\nC,3\n", 2).problems).toEqual(["The file has 3 lines; apply at most 2 at once."]);
  });
});
