import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { writeTransaction } from "@/lib/db";
import { saveSettings } from "@/lib/settings";
import { ShopChrome } from "./shop-chrome";

// A cached page is rendered once for every visitor: the chrome must not ask who this one is.
vi.mock("next/cache", () => import("@/tests/factories/next-cache"));
vi.mock("next/headers", () => ({
  cookies: () => {
    throw new Error("the shop's chrome read a cookie");
  },
  headers: () => {
    throw new Error("the shop's chrome read a header");
  },
}));
vi.mock("next/navigation", () => ({ usePathname: () => "/" }));

const render = async () => renderToStaticMarkup(await ShopChrome({ children: createElement("main", null, "page") }));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

beforeEach(async () => {
  await writeTransaction((tx) =>
    saveSettings(tx, { storeName: "Hedgerow Dye Works", maintenanceMode: true, announcementEnabled: true, announcementText: "Shop update Friday at noon", announcementLink: "" }),
  );
});

describe("the shop's header and footer, the same for every visitor", () => {
  it("shows the store name and the announcement without reading the request, even while the shop is closed", async () => {
    const html = await render();
    expect(text(html)).toContain("Hedgerow Dye Works");
    expect(text(html)).toContain("Shop update Friday at noon");
  });

  it("leaves the closed-shop banner and the cart count to the live read (no number guessed in the HTML)", async () => {
    const html = await render();
    expect(html).not.toContain("The shop is closed");
    expect(html).toMatch(/data-testid="header-cart-count"[^>]*>&nbsp;<\/span>|data-testid="header-cart-count"[^>]*>\u00a0<\/span>/);
    expect(html).toContain('aria-label="Cart"');
  });
});
