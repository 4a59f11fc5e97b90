import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { moneyDecimal } from "@/lib/money";
import { csvLines, neutraliseFormula, UTF8_BOM } from "./csv";

describe("CSV cells", () => {
  it("quotes commas, quotes and newlines so a spreadsheet reads each back as one cell", () => {
    const text = csvLines([["Smith, Jo", 'The "Heather" skein', "line one\nline two", "plain"]]);
    expect(text).toBe('"Smith, Jo","The ""Heather"" skein","line one\nline two",plain\r\n');
    expect(Papa.parse<string[]>(text.trimEnd()).data[0]).toEqual(["Smith, Jo", 'The "Heather" skein', "line one\nline two", "plain"]);
  });

  it("prefixes cells that start with = + - @ tab or CR with an apostrophe, and leaves the rest alone", () => {
    for (const dangerous of ["=HYPERLINK(\"http://evil\")", "+44 7700", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    }
    for (const safe of ["Ada", "a=b", "12.50", "", "ada@example.com"]) expect(neutraliseFormula(safe)).toBe(safe);
    const [row] = Papa.parse<string[]>(csvLines([["=1+1", 12, null]]).trimEnd()).data;
    expect(row).toEqual(["'=1+1", "12", ""]);
  });

  it("also neutralises ; NUL and line feed, and the fullwidth and small forms of = + - @", () => {
    for (const dangerous of [";=1+1", "\n=1", "\0=1", "＝HYPERLINK(\"http://evil\")", "＋44", "－2＋3", "＠SUM(A1)", "﹦1", "﹢1", "﹣1", "﹫SUM(A1)"]) {
      expect(neutraliseFormula(dangerous), JSON.stringify(dangerous)).toBe(`'${dangerous}`);
    }
    for (const safe of ["Ada; Grace", "Zoë ＝ Zoe", "山田"]) expect(neutraliseFormula(safe)).toBe(safe);
    const [row] = Papa.parse<string[]>(csvLines([[";=1+1", "＝1+1"]]).trimEnd()).data;
    expect(row).toEqual(["';=1+1", "'＝1+1"]);
  });

  it("quotes a cell holding ; so a spreadsheet that splits on semicolons keeps it whole", () => {
    const text = csvLines([["Ada;=HYPERLINK(\"http://evil\")", "plain"]]);
    expect(text).toBe('"Ada;=HYPERLINK(""http://evil"")",plain\r\n');
    const alone = csvLines([["Ada;=1+1"]]).trimEnd();
    expect(Papa.parse<string[]>(alone, { delimiter: ";" }).data[0]).toEqual(["Ada;=1+1"]);
  });

  it("keeps non-ASCII names intact", () => {
    const text = csvLines([["Aurélie Ørsted-Łukasz", "Zoë 山田"]]);
    expect(text).toBe("Aurélie Ørsted-Łukasz,Zoë 山田\r\n");
    expect(UTF8_BOM).toBe("\uFEFF");
  });

  it("writes money as decimals with two places", () => {
    expect([0, 5, 1250, 100000, -150].map(moneyDecimal)).toEqual(["0.00", "0.05", "12.50", "1000.00", "-1.50"]);
    expect(() => moneyDecimal(1.5)).toThrow();
  });
});
