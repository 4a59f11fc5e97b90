// What a collection's pages tell search engines and link previews: the first page and its other orders
// and pages (/collections/[slug]/sorted/[sort]/[page], rewritten from ?sort= and ?page=) share one
// canonical per page of products, with Open Graph and Twitter tags absolute from APP_URL.
import type { Metadata } from "next";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { collectionInput } from "@/lib/catalog/collection-input";
import { createCollection as saveCollection } from "@/lib/catalog/save-collection";
import { createCollection, createProduct } from "@/tests/factories/product";
import CollectionPage, { generateMetadata } from "./page";
import SortedCollectionPage, { generateMetadata as generateSortedMetadata } from "./sorted/[sort]/[page]/page";

vi.mock("next/cache", () => import("@/tests/factories/next-cache"));

const props = (slug: string) => ({ params: Promise.resolve({ slug }) });
const sortedProps = (slug: string, sort: string, page: string) => ({ params: Promise.resolve({ slug, sort, page }) });

/** Next's resolution of a relative address in metadata: against metadataBase. */
const absolute = (metadata: Metadata, url: unknown) => new URL(String(url), metadata.metadataBase!).href;

type OpenGraph = { type?: string; url?: unknown; title?: unknown; description?: unknown; images?: { url: unknown; alt?: string }[] };
const openGraphOf = (metadata: Metadata) => metadata.openGraph as OpenGraph;

/** Next's notFound() throws an error whose digest names the 404. */
const isNotFound = (error: unknown) => String((error as { digest?: string }).digest ?? "").includes("404");

/** A route returns the shared view as an element; rendering it is calling it (an async server component). */
const renderView = async (page: Promise<unknown>) => {
  const element = (await page) as ReactElement<object>;
  return (element.type as (props: object) => Promise<unknown>)(element.props);
};

describe("/collections/[slug] metadata", () => {
  it("gives a canonical address, og:title, og:description, og:type, og:url and the collection's photo as og:image, and a large Twitter card", async () => {
    const product = await createProduct();
    const saved = await saveCollection(
      collectionInput.parse({
        name: "Autumn Hedgerow",
        slug: "autumn-hedgerow-metadata",
        description: "Rosehip, sloe and bramble.",
        imageUrl: "https://images.example/autumn.jpg",
        productIds: [product.id],
      }),
      "test",
    );
    const metadata = await generateMetadata(props(saved.slug));
    expect(String(metadata.metadataBase)).toBe("http://localhost:3000/");
    expect(absolute(metadata, metadata.alternates?.canonical)).toBe("http://localhost:3000/collections/autumn-hedgerow-metadata");
    expect(metadata).toMatchObject({ title: "Autumn Hedgerow", description: "Rosehip, sloe and bramble." });
    expect(openGraphOf(metadata)).toMatchObject({ type: "website", title: "Autumn Hedgerow", description: "Rosehip, sloe and bramble." });
    expect(absolute(metadata, openGraphOf(metadata).url)).toBe("http://localhost:3000/collections/autumn-hedgerow-metadata");
    expect(openGraphOf(metadata).images!.map((image) => [absolute(metadata, image.url), image.alt])).toEqual([["https://images.example/autumn.jpg", "Autumn Hedgerow"]]);
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image", title: "Autumn Hedgerow", description: "Rosehip, sloe and bramble." });
  });

  it("shares the cover the collection list shows when it has no photo of its own: its first product's first photo, made absolute", async () => {
    const shelf = await createCollection({ name: "Moorland" });
    await createProduct({ collectionIds: [shelf.id], images: [{ url: "/images/yarn/peat.svg", alt: "Peat skein" }] });
    const metadata = await generateMetadata(props(shelf.slug));
    expect(openGraphOf(metadata).images!.map((image) => absolute(metadata, image.url))).toEqual(["http://localhost:3000/images/yarn/peat.svg"]);
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image" });

    const bare = await createCollection({ name: "Nothing pictured" });
    await createProduct({ collectionIds: [bare.id], images: [] });
    const plain = await generateMetadata(props(bare.slug));
    expect(openGraphOf(plain).images).toEqual([]);
    expect(plain.twitter).toMatchObject({ card: "summary" });
  });

  it("answers an unknown or hidden collection with the not-found title, as its page answers 404", async () => {
    const hidden = await createCollection({ isPublished: false });
    for (const slug of ["no-such-collection", hidden.slug]) {
      expect(await generateMetadata(props(slug))).toEqual({ title: "Collection not found" });
      await expect(renderView(CollectionPage(props(slug)))).rejects.toSatisfy(isNotFound);
      expect(await generateSortedMetadata(sortedProps(slug, "newest", "2"))).toEqual({ title: "Collection not found" });
      await expect(renderView(SortedCollectionPage(sortedProps(slug, "newest", "2")))).rejects.toSatisfy(isNotFound);
    }
  });
});

describe("/collections/[slug]/sorted/[sort]/[page] metadata", () => {
  it("points every order of a page at the owner's order of that page: the first page at the collection, a later page at ?page=N", async () => {
    const shelf = await createCollection({ name: "Sea Glass", description: "Greens and greys." });
    await createProduct({ collectionIds: [shelf.id], images: [{ url: "/uploads/sea-glass.webp", alt: "Sea glass skein" }] });
    const canonicalOf = async (sort: string, page: string) => {
      const metadata = await generateSortedMetadata(sortedProps(shelf.slug, sort, page));
      expect(absolute(metadata, openGraphOf(metadata).url)).toBe(absolute(metadata, metadata.alternates?.canonical));
      return absolute(metadata, metadata.alternates?.canonical);
    };
    const first = `http://localhost:3000/collections/${shelf.slug}`;
    expect(await canonicalOf("featured", "1")).toBe(first);
    expect(await canonicalOf("price-asc", "1")).toBe(first);
    expect(await canonicalOf("newest", "2")).toBe(`${first}?page=2`);
    expect(await canonicalOf("featured", "3")).toBe(`${first}?page=3`);
    // What the page itself falls back to for an order or page it does not know, so does its canonical.
    expect(await canonicalOf("cheapest", "abc")).toBe(first);

    const metadata = await generateSortedMetadata(sortedProps(shelf.slug, "price-desc", "2"));
    expect(metadata).toMatchObject({ title: "Sea Glass", description: "Greens and greys." });
    expect(openGraphOf(metadata)).toMatchObject({ type: "website", title: "Sea Glass", description: "Greens and greys." });
    expect(openGraphOf(metadata).images!.map((image) => absolute(metadata, image.url))).toEqual(["http://localhost:3000/uploads/sea-glass.webp"]);
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image", title: "Sea Glass" });
  });
});
