import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { products } from "@/lib/db/schema";
import { createCollection, createProduct as createTestProduct } from "@/tests/factories/product";
import { productInput } from "./product-input";
import { createProduct, updateProduct } from "./save-product";
import { rebuildSearchIndex, refreshSearchEntry } from "./search-index";
import { parseSearchParams } from "./search-params";
import { ftsMatchExpression, searchProducts, searchSuggestions } from "./search-products";

const names = async (text: string, options: { page?: number; perPage?: number } = {}) =>
  (await searchProducts(await db(), text, options)).cards.map((card) => card.name);

let sequence = 0;
/** A made-up word no other test's product holds, so each test searches a catalog of its own making. */
const word = (stem: string) => `${stem}${(sequence += 1)}q${Math.random().toString(36).slice(2, 7)}`;

describe("what a search finds", () => {
  it("puts the product whose name is exactly the search first, then ranks a name above a description", async () => {
    const w = word("tweed");
    await createTestProduct({ name: `Shetland ${w} blanket kit`, description: "A kit." });
    await createTestProduct({ name: "Plain aran", description: `Spun like ${w}, in a soft twist.` });
    await createTestProduct({ name: `${w}`, description: "The yarn itself." });
    await createTestProduct({ name: `${w} ${w}`, description: `${w} ${w} ${w} everywhere.` });

    expect(await names(w)).toEqual([w, `${w} ${w}`, `Shetland ${w} blanket kit`, "Plain aran"]);
    expect(await names(w.toUpperCase())).toEqual([w, `${w} ${w}`, `Shetland ${w} blanket kit`, "Plain aran"]);
  });

  it("finds a colourway, a fibre in the description, and an option value the variant's name leaves out", async () => {
    const colour = word("seaglass");
    const fibre = word("yak");
    const option = word("lochan");
    await createTestProduct({ name: "Colourway yarn", variants: [{ name: `${colour} / 4ply` }] });
    await createTestProduct({ name: "Fibre yarn", description: `60% ${fibre}, 40% silk.` });
    await createTestProduct({ name: "Option yarn", variants: [{ name: "Seaside", options: { colour: option } }] });

    expect(await names(colour)).toEqual(["Colourway yarn"]);
    expect(await names(fibre)).toEqual(["Fibre yarn"]);
    expect(await names(option)).toEqual(["Option yarn"]);
    expect(await names(`${fibre} silk`)).toEqual(["Fibre yarn"]);
    expect(await names(`${fibre} cashmere`)).toEqual([]);
  });

  it("treats the last word as a prefix, and ignores case and accents", async () => {
    const w = word("merinoish");
    await createTestProduct({ name: `Crème ${w} DK` });
    expect(await names(w.slice(0, 6))).toEqual([`Crème ${w} DK`]);
    expect(await names(`creme ${w.slice(0, 7)}`)).toEqual([`Crème ${w} DK`]);
    expect(await names(`${w} cre`)).toEqual([`Crème ${w} DK`]);
    // Only the last word is a prefix: an earlier one is a whole word.
    expect(await names(`${w.slice(0, 6)} creme`)).toEqual([]);
  });

  it("never shows drafts, archived products, products with nothing on sale, or an inactive colourway's match", async () => {
    const w = word("hidden");
    const dormant = word("dormant");
    await createTestProduct({ name: `${w} shown`, variants: [{ name: "Moss" }, { name: `${dormant} shade`, isActive: false }] });
    await createTestProduct({ name: `${w} draft`, status: "draft" });
    await createTestProduct({ name: `${w} archived`, status: "archived" });
    await createTestProduct({ name: `${w} off sale`, variants: [{ isActive: false }] });

    expect(await names(w)).toEqual([`${w} shown`]);
    expect(await names(dormant)).toEqual([]);
    expect((await searchProducts(await db(), w)).total).toBe(1);
  });

  it("pages a long result list with the listings' page size", async () => {
    const w = word("pagey");
    for (let index = 0; index < 5; index += 1) await createTestProduct({ name: `${w} ${index}` });
    const first = await searchProducts(await db(), w, { perPage: 2 });
    expect(first).toMatchObject({ total: 5, page: 1, pageCount: 3, perPage: 2 });
    const last = await searchProducts(await db(), w, { perPage: 2, page: 3 });
    expect(last.cards).toHaveLength(1);
    const seen = [...first.cards, ...(await searchProducts(await db(), w, { perPage: 2, page: 2 })).cards, ...last.cards].map((card) => card.name);
    expect(new Set(seen).size).toBe(5);
    expect((await searchProducts(await db(), w, { perPage: 2, page: 9 })).cards).toEqual([]);
  });

  it("answers hostile input as words, never as FTS5 syntax or an error", async () => {
    const w = word("safe");
    await createTestProduct({ name: `${w} NEAR OR yarn`, description: "Not AND a trap." });
    const hostile = [
      '"',
      '""',
      "'",
      "*",
      "**",
      "-",
      "--",
      "^",
      ":",
      "(",
      ")",
      "NEAR(",
      "NEAR(a b, 3)",
      "OR",
      "AND",
      "NOT",
      "a OR",
      "OR a",
      "NOT yarn",
      "-yarn",
      "yarn*",
      "*yarn",
      '"yarn',
      "name:yarn",
      "{name colourways}: yarn",
      "yarn AND",
      "+",
      "\\",
      "%",
      "_",
      "'; DROP TABLE products; --",
      "\u0000",
      "\u200b",
      "🧶",
      "e\u0301",
      "ǅ",
      "a".repeat(100),
      `${w} ${'"'.repeat(40)}`,
      Array.from({ length: 50 }, () => "x").join(" "),
    ];
    const read = await db();
    for (const text of hostile) {
      const result = await searchProducts(read, text);
      expect(Array.isArray(result.cards), text).toBe(true);
    }
    expect(await names(`${w} NEAR OR`)).toEqual([`${w} NEAR OR yarn`]);
    expect(await names(`"${w}" AND`)).toEqual([`${w} NEAR OR yarn`]);
    expect(await names(`${w}*`)).toEqual([`${w} NEAR OR yarn`]);
  });

  it("quotes every word of the FTS5 expression and makes only the last a prefix", () => {
    expect(ftsMatchExpression('merino "OR" NEAR(sock*')).toBe('"merino" "OR" "NEAR" "sock"*');
    expect(ftsMatchExpression("--- * ^")).toBeNull();
    expect(ftsMatchExpression("Crème brûlée")).toBe('"Crème" "brûlée"*');
  });
});

describe("the index kept in step", () => {
  const input = (name: string, slug: string, overrides: Record<string, unknown> = {}) =>
    productInput.parse({
      name,
      slug,
      description: "Soft and round.",
      status: "active",
      variants: [{ sku: `${slug}-a`.toUpperCase(), name: "", options: { colour: "Moss" }, price: 1800, weightGrams: 100, initialStock: 3 }],
      ...overrides,
    });

  it("follows the catalog's writer through create, rename, status change and a colourway switched off", async () => {
    const first = word("oldname");
    const second = word("newname");
    const colour = word("shade");
    const slug = word("slug").toLowerCase();
    const saved = await createProduct(input(first, slug), "test");
    expect(await names(first)).toEqual([first]);
    const [variant] = await (await db()).query.productVariants.findMany({ where: (table, { eq: equals }) => equals(table.productId, saved.id) });
    const moss = { id: variant!.id, sku: variant!.sku, options: { colour: "Moss" }, price: 1800, weightGrams: 100 };

    await updateProduct(saved.id, input(second, slug, { variants: [moss] }), "test");
    expect(await names(first)).toEqual([]);
    expect(await names(second)).toEqual([second]);
    expect(await names(`${second} moss`)).toEqual([second]);

    const added = { sku: `${slug}-b`.toUpperCase(), options: { colour }, price: 1800, weightGrams: 100 };
    await updateProduct(saved.id, input(second, slug, { variants: [{ ...moss, isActive: false }, added] }), "test");
    expect(await names(colour)).toEqual([second]);
    expect(await names(`${second} moss`)).toEqual([]);

    await updateProduct(saved.id, input(second, slug, { status: "draft", variants: [moss] }), "test");
    expect(await names(second)).toEqual([]);
  });

  it("drops a deleted product's entry, and a rebuild matches entries refreshed one by one", async () => {
    const w = word("gone");
    const product = await createTestProduct({ name: `${w} yarn`, variants: [{ name: "Peat" }, { name: "Loch", options: { colour: "Loch", weight: "DK" } }] });
    const entries = async () => (await db()).all<{ rowid: number; name: string; colourways: string; description: string }>(sql`SELECT rowid, name, colourways, description FROM catalog_search ORDER BY rowid`);
    const refreshed = await entries();
    expect(refreshed.find((entry) => entry.rowid === product.id)).toMatchObject({ name: `${w} yarn`, colourways: "Peat Loch DK" });
    await writeTransaction((tx) => rebuildSearchIndex(tx));
    expect(await entries()).toEqual(refreshed);

    await writeTransaction(async (tx) => {
      await tx.delete(products).where(eq(products.id, product.id));
      await refreshSearchEntry(tx, product.id);
    });
    expect((await entries()).some((entry) => entry.rowid === product.id)).toBe(false);
    expect(await names(w)).toEqual([]);
  });
});

describe("the search page's query string", () => {
  it("trims and squeezes the words, asks for words when there are none, and refuses more than 100 characters", () => {
    expect(parseSearchParams({ q: "  merino   sock " })).toEqual({ kind: "search", text: "merino sock", page: 1 });
    expect(parseSearchParams({ q: ["bfl", "other"], page: "2" })).toEqual({ kind: "search", text: "bfl", page: 2 });
    expect(parseSearchParams({ q: "yarn", page: "abc" })).toEqual({ kind: "search", text: "yarn", page: 1 });
    expect(parseSearchParams({})).toEqual({ kind: "empty" });
    expect(parseSearchParams({ q: "   " })).toEqual({ kind: "empty" });
    expect(parseSearchParams({ q: "a".repeat(100) })).toMatchObject({ kind: "search" });
    expect(parseSearchParams({ q: "a".repeat(101) })).toEqual({ kind: "too-long", length: 101 });
  });
});

describe("suggestions after a search that found nothing", () => {
  it("lists published collections that have something to show", async () => {
    const shown = await createCollection({ name: word("Shown") });
    const hidden = await createCollection({ name: word("Hidden"), isPublished: false });
    const empty = await createCollection({ name: word("Empty") });
    await createTestProduct({ collectionIds: [shown.id, hidden.id] });
    const suggested = (await searchSuggestions(await db())).map((collection) => collection.id);
    expect(suggested).toContain(shown.id);
    expect(suggested).not.toContain(hidden.id);
    expect(suggested).not.toContain(empty.id);
  });
});
