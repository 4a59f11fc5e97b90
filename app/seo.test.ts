import { describe, expect, it } from "vitest";
import { getActiveProduct } from "@/lib/catalog/get-product";
import { jsonLdText, productJsonLd } from "@/lib/catalog/product-json-ld";
import { db } from "@/lib/db";
import { createCollection, createProduct } from "@/tests/factories/product";
import robots from "./robots";
import sitemap from "./sitemap";

describe("what search engines read", () => {
  it("robots.txt keeps crawlers out of the admin, the APIs, the checkout, carts and search results, and names the sitemap", () => {
    const rules = robots();
    expect(rules.rules).toEqual({ userAgent: "*", allow: "/", disallow: ["/admin", "/api", "/checkout", "/cart", "/search"] });
    expect(rules.sitemap).toBe("http://localhost:3000/sitemap.xml");
  });

  it("the sitemap lists active products and collections that show one, with when they changed, never a draft", async () => {
    const shown = await createCollection({ name: "Sitemap socks" });
    const empty = await createCollection({ name: "Sitemap nothing yet" });
    const active = await createProduct({ name: "Sitemap merino", collectionIds: [shown.id] });
    const draft = await createProduct({ name: "Sitemap draft", status: "draft", collectionIds: [empty.id] });
    const urls = (await sitemap()).map((entry) => entry.url);
    expect(urls.slice(0, 3)).toEqual(["http://localhost:3000/", "http://localhost:3000/products", "http://localhost:3000/collections"]);
    expect(urls).toContain(`http://localhost:3000/products/${active.slug}`);
    expect(urls).toContain(`http://localhost:3000/collections/${shown.slug}`);
    expect(urls).not.toContain(`http://localhost:3000/products/${draft.slug}`);
    expect(urls).not.toContain(`http://localhost:3000/collections/${empty.slug}`);
    const entry = (await sitemap()).find((item) => item.url.endsWith(active.slug));
    expect(String(entry!.lastModified)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("a product's structured data carries each colourway's live price and availability", async () => {
    const product = await createProduct({
      name: "Ledger </script> Sock",
      images: [{ url: "/images/yarn/hawthorn.svg", alt: "Hawthorn skein" }],
      variants: [
        { options: { colour: "Hawthorn" }, price: 1850, stock: 4 },
        { options: { colour: "Sloe" }, price: 1800, stock: 0 },
      ],
    });
    const detail = (await getActiveProduct(await db(), product.slug))!;
    const data = productJsonLd(detail, { currency: "GBP", url: `http://localhost:3000/products/${product.slug}` });
    expect(data).toMatchObject({ "@type": "Product", name: "Ledger </script> Sock", image: ["http://localhost:3000/images/yarn/hawthorn.svg"] });
    expect(data.offers.map((offer) => [offer.price, offer.priceCurrency, offer.availability])).toEqual([
      ["18.50", "GBP", "https://schema.org/InStock"],
      ["18.00", "GBP", "https://schema.org/OutOfStock"],
    ]);
    const text = jsonLdText(data);
    expect(text).not.toContain("</script>");
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
  });
});
