import { describe, expect, it } from "vitest";
import { postcodePatternError } from "./postcode-pattern";

const fits = (country: string, postcodes: string[]) => {
  for (const postcode of postcodes) expect(postcodePatternError(country, postcode), `${country} ${postcode}`).toBeNull();
};
const refused = (country: string, postcodes: string[]) => {
  for (const postcode of postcodes) expect(postcodePatternError(country, postcode), `${country} ${postcode}`).not.toBeNull();
};

describe("postcodePatternError", () => {
  it("takes every shape of UK postcode, in any case and spacing, with GIR 0AA and BFPO numbers", () => {
    fits("GB", ["SW1A 1AA", "sw1a1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "HX7 8AA", "  hx7   8aa ", "GIR 0AA", "BFPO 1234", "BFPO 57"]);
    fits("IM", ["IM1 1AA"]);
    fits("JE", ["JE2 3AB"]);
    fits("GG", ["GY1 1AA"]);
  });

  it("refuses a New York address's ZIP and other shapes as a UK postcode, naming what it wants", () => {
    refused("GB", ["10118", "NY 10118", "SW1A", "1AA SW1A", "SW1A 1A", "SW1A-1AA", "BFPO 12345", ""]);
    expect(postcodePatternError("GB", "NY 10118")).toBe("Enter a UK postcode, for example SW1A 1AA.");
  });

  it("checks the countries with a simple pattern", () => {
    fits("US", ["10118", "10118-0110"]);
    refused("US", ["1011", "10118-01", "SW1A 1AA"]);
    fits("DE", ["10115"]);
    refused("DE", ["1011", "D-10115"]);
    fits("FR", ["75001"]);
    refused("FR", ["750010"]);
    fits("IE", ["D02 X285", "d02x285", "A65 F4E2", "D6W 1234"]);
    refused("IE", ["D02", "B12 3456", "Dublin 2"]);
    fits("NL", ["1012 AB", "1012ab"]);
    refused("NL", ["0123 AB", "1012 A"]);
    fits("CA", ["K1A 0B1", "k1a0b1"]);
    refused("CA", ["D1A 0B1", "K1A 0BO", "12345"]);
    fits("AU", ["2000"]);
    refused("AU", ["200", "20000"]);
    expect(postcodePatternError("us", "1")).toBe("Enter a US ZIP code, for example 10118 or 10118-0110.");
  });

  it("takes any postcode for a country without a rule", () => {
    fits("JP", ["100-0001"]);
    fits("SE", ["111 22"]);
  });
});
