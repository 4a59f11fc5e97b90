import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { createCollection, createProduct } from "@/tests/factories/product";
import SearchPage, { generateMetadata } from "./page";

// Outside Next there is no request to wait for; the page only calls it to opt out of prerendering.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const render = async (params: Record<string, string | string[]>) => renderToStaticMarkup(await SearchPage({ searchParams: Promise.resolve(params) }));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, " ");

describe("the search page", () => {
  it("shows the matching products as cards, the count, and the words in the field and the title", async () => {
    const shown = await createProduct({ name: "Pagefind Merino", variants: [{ options: { colour: "Heather" }, price: 1850 }] });
    await createProduct({ name: "Pagefind draft", status: "draft" });
    const html = await render({ q: "  pagefind  " });
    expect(html).toContain('role="search"');
    expect(html).toMatch(/<label[^>]*for="search-page-q"/);
    expect(html).toMatch(/<input[^>]*id="search-page-q"[^>]*name="q"[^>]*value="pagefind"/);
    expect(html).toContain(`href="/products/${shown.slug}"`);
    expect(text(html)).toContain("Search results for “pagefind”");
    expect(text(html)).toContain("1 product");
    expect(html).not.toContain("Pagefind draft");
    expect(await generateMetadata({ searchParams: Promise.resolve({ q: "pagefind" }) })).toEqual({ title: "Search: pagefind" });
  });

  it("says when nothing matched and suggests the published collections", async () => {
    const published = await createCollection({ name: "Suggested socks" });
    const unpublished = await createCollection({ name: "Secret socks", isPublished: false });
    await createProduct({ name: "In both", collectionIds: [published.id, unpublished.id] });
    const html = await render({ q: "zzqxnothing" });
    expect(text(html)).toContain("Nothing matched “zzqxnothing”");
    expect(html).toContain(`href="/collections/${published.slug}"`);
    expect(html).not.toContain(`href="/collections/${unpublished.slug}"`);
    expect(html).toContain('href="/products"');
  });

  it("asks for words when there are none, refuses an over-long search politely, and survives hostile words", async () => {
    expect(text(await render({}))).toContain("Type what you are looking for");
    expect(text(await render({ q: "   " }))).toContain("Type what you are looking for");
    expect(text(await render({ q: "x".repeat(140) }))).toContain("That search is 140 characters long");
    for (const q of ['"', "NEAR(", "OR", "-", "*", "a AND"]) expect(text(await render({ q }))).toContain("Search results for");
  });

  it("pages many results, keeping the words in the page links", async () => {
    for (let index = 0; index < 13; index += 1) await createProduct({ name: `Pageable ${index}` });
    const first = await render({ q: "pageable" });
    expect(text(first)).toContain("13 products · page 1 of 2");
    expect(first).toContain('href="/search?q=pageable&amp;page=2"');
    const second = await render({ q: "pageable", page: "2" });
    expect((second.match(/href="\/products\/test-yarn-/g) ?? []).length).toBe(1);
    expect(text(await render({ q: "pageable", page: "7" }))).toContain("There is no such page");
  });
});
