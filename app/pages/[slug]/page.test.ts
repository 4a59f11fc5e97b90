// The storefront's content pages, the footer that links them and the chrome around every page,
// rendered as Next would render them for a shopper.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement, type ReactElement } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ShopChrome } from "@/app/_components/shop-chrome";
import { HomeView } from "@/app/_components/home-view";
import HomePage from "@/app/home/[view]/page";
import sitemap from "@/app/sitemap";
import { writeTransaction } from "@/lib/db";
import { listPages } from "@/lib/pages/list-pages";
import { createPage, updatePage } from "@/lib/pages/save-page";
import { db } from "@/lib/db";
import { DEFAULT_SETTINGS, saveSettings, type Settings } from "@/lib/settings";
import ContentPage, { generateMetadata } from "./page";

vi.mock("next/cache", () => import("@/tests/factories/next-cache"));
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));

const props = (slug: string) => ({ params: Promise.resolve({ slug }) });
const render = async (slug: string) => renderToStaticMarkup((await ContentPage(props(slug))) as ReactElement);
const renderChrome = async () => renderToStaticMarkup((await ShopChrome({ children: createElement("p", null, "The page") })) as ReactElement);

const TRADER: Partial<Settings> = {
  traderName: "Hedgerow Dye Works Ltd",
  traderAddress: "Unit 4, Mill Yard\nHebden Bridge\nHX7 8AD",
  traderCompanyNumber: "SC123456",
  traderVatNumber: "GB123456789",
};

const saveShopSettings = (changes: Partial<Settings>) => writeTransaction((tx) => saveSettings(tx, changes));

/** Next's notFound() throws an error whose digest names the 404. */
const isNotFound = (error: unknown) => String((error as { digest?: string }).digest ?? "").includes("404");

beforeEach(() => saveShopSettings({ traderName: "", traderAddress: "", traderCompanyNumber: "", traderVatNumber: "", announcementEnabled: false, announcementText: "", announcementLink: "" }));
afterEach(() => saveShopSettings({ homeHeading: DEFAULT_SETTINGS.homeHeading, homeText: DEFAULT_SETTINGS.homeText }));

describe("/pages/[slug]", () => {
  it("renders a published page's Markdown with its title, raw HTML shown as text", async () => {
    await createPage({ slug: "care-guide", title: "Caring for your yarn", body: "## Washing\n\nCool water <script>alert(1)</script> and <img src=x onerror=alert(1)>.\n\n[bad](javascript:alert(1))", isPublished: true }, "test");
    const html = await render("care-guide");
    expect(html).toContain("<h1");
    expect(html).toContain("Caring for your yarn");
    expect(html).toContain("<h2>Washing</h2>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
  });

  it("answers 404 for a hidden page and for an unknown one", async () => {
    const hidden = await createPage({ slug: "draft-notes", title: "Draft notes", body: "Not yet.", isPublished: false }, "test");
    await expect(render(hidden.slug)).rejects.toSatisfy(isNotFound);
    await expect(render("no-such-page")).rejects.toSatisfy(isNotFound);
    expect(await generateMetadata(props(hidden.slug))).toEqual({ title: "Page not found" });
  });

  it("gives search engines a title, a description from the first paragraph, a canonical address and social tags", async () => {
    const metadata = await generateMetadata(props("shipping-returns"));
    expect(metadata.title).toBe("Shipping & returns");
    expect(metadata.description).toMatch(/^We dye in small batches and pack orders by hand\./);
    expect(metadata.alternates?.canonical).toBe("/pages/shipping-returns");
    expect(String(metadata.metadataBase)).toBe("http://localhost:3000/");
    expect(metadata.openGraph).toMatchObject({ url: "/pages/shipping-returns", title: "Shipping & returns" });
    expect(metadata.twitter).toMatchObject({ card: "summary", title: "Shipping & returns" });
  });

  it("ends the Terms page with who the shop is, once the trader details are set", async () => {
    expect(await render("terms")).not.toContain("Who we are");
    await saveShopSettings(TRADER);
    const html = await render("terms");
    expect(html).toContain("Who we are");
    expect(html).toContain("Hedgerow Dye Works Ltd");
    expect(html).toContain("Hebden Bridge");
    expect(html).toContain("Company number SC123456");
    expect(html).toContain("VAT number GB123456789");
    expect(await render("about")).not.toContain("Who we are");
  });

  it("lists published pages in the sitemap with when each last changed, never a hidden one", async () => {
    const hidden = await createPage({ slug: "sitemap-hidden", title: "Hidden", body: "", isPublished: false }, "test");
    const entries = await sitemap();
    const privacy = entries.find((entry) => entry.url === "http://localhost:3000/pages/privacy");
    expect(String(privacy?.lastModified)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(entries.map((entry) => entry.url)).not.toContain(`http://localhost:3000/pages/${hidden.slug}`);
  });
});

describe("the shop's chrome", () => {
  it("links the published pages in the footer in their order, and the trader details once set", async () => {
    const pages = await listPages(await db());
    const about = pages.find((page) => page.slug === "about")!;
    await updatePage(about.id, { position: 3 }, "test");
    const hidden = await createPage({ slug: "chrome-hidden", title: "Chrome hidden", body: "", isPublished: false }, "test");
    let html = await renderChrome();
    const footerLinks = [...html.matchAll(/href="\/pages\/([a-z0-9-]+)"/g)].map((match) => match[1]);
    expect(footerLinks.slice(0, 4)).toEqual(["shipping-returns", "privacy", "terms", "about"]);
    expect(footerLinks).not.toContain(hidden.slug);
    expect(html).not.toContain('data-testid="trader-details"');

    await saveShopSettings(TRADER);
    html = await renderChrome();
    expect(html).toContain('data-testid="trader-details"');
    expect(html).toContain("Hedgerow Dye Works Ltd");
    await updatePage(about.id, { position: 0 }, "test");
  });

  it("shows the announcement bar only while it is switched on, as a link when one is set", async () => {
    await saveShopSettings({ announcementText: "Dispatch pauses 1–7 August", announcementLink: "/pages/shipping-returns" });
    expect(await renderChrome()).not.toContain("Dispatch pauses");
    await saveShopSettings({ announcementEnabled: true });
    expect(await renderChrome()).toMatch(/aria-label="Announcement"[^]*<a [^>]*href="\/pages\/shipping-returns"[^>]*>Dispatch pauses 1–7 August<\/a>/);
    await saveShopSettings({ announcementLink: "" });
    expect(await renderChrome()).toMatch(/aria-label="Announcement"[^]*<p>Dispatch pauses 1–7 August<\/p>/);
  });

  it("shows the home page's heading and text from the settings, the store's name until a heading is set", async () => {
    // "/" is rewritten to /home/shop (next.config.ts): that view is the home page, any other is a 404.
    expect(((await HomePage({ params: Promise.resolve({ view: "shop" }) })) as ReactElement).type).toBe(HomeView);
    await expect(HomePage({ params: Promise.resolve({ view: "other" }) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    let html = renderToStaticMarkup((await HomeView()) as ReactElement);
    expect(html).toContain(`>${DEFAULT_SETTINGS.storeName}</h1>`);
    expect(html).toContain(DEFAULT_SETTINGS.homeText);
    await saveShopSettings({ homeHeading: "Colours from the lanes", homeText: "Small batches, dyed by hand." });
    html = renderToStaticMarkup((await HomeView()) as ReactElement);
    expect(html).toContain(">Colours from the lanes</h1>");
    expect(html).toContain("Small batches, dyed by hand.");
  });
});
