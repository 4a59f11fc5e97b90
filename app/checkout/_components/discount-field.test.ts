// The storefront never shows a discount code nobody gave the shopper: the shop's codes stay in the admin and in emails.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_DISCOUNTS } from "@/lib/seed/catalog";

function storefrontSources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "admin" || entry.name === "api" ? [] : storefrontSources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("the checkout's discount field", () => {
  it("has a neutral placeholder, and no storefront page names one of the shop's codes", () => {
    const field = readFileSync(path.join(process.cwd(), "app/checkout/_components/discount-field.tsx"), "utf8");
    expect(field).toContain('placeholder="Code"');
    for (const file of storefrontSources(path.join(process.cwd(), "app"))) {
      const source = readFileSync(file, "utf8");
      for (const { code } of DEMO_DISCOUNTS) expect(source.includes(code), `${path.relative(process.cwd(), file)} names ${code}`).toBe(false);
    }
  });
});
