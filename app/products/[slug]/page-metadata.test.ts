// What a product page tells search engines and link previews: its canonical address, Open Graph and
// Twitter tags, all absolute from APP_URL once Next resolves them against metadataBase.
import type { Metadata } from "next";
import { describe, expect, it, vi } from "vitest";
import { createProduct } from "@/tests/factories/product";
import ProductPage, { generateMetadata } from "./page";

vi.mock("next/cache", () => import("@/tests/factories/next-cache"));

const props = (slug: string) => ({ params: Promise.resolve({ slug }) });

/** Next's resolution of a relative address in metadata: against metadataBase. */
const absolute = (metadata: Metadata, url: unknown) => new URL(String(url), metadata.metadataBase!).href;

type OpenGraph = { type?: string; url?: unknown; title?: unknown; description?: unknown; images?: { url: unknown; alt?: string }[] };

/** Next's notFound() throws an error whose digest names the 404. */
const isNotFound = (error: unknown) => String((error as { digest?: string }).digest ?? "").includes("404");

describe("a product page's metadata", () => {
  it("gives a canonical address, og:title, og:description, og:type, og:url and the first photo as og:image, all absolute, and a large Twitter card", async () => {
    const product = await createProduct({
      name: "Sloe Merino 4ply",
      description: "A deep sloe purple, dyed in small batches on a Yorkshire hillside.",
      images: [
        { url: "/uploads/sloe-first.webp", alt: "A skein of Sloe" },
        { url: "https://store.public.blob.vercel-storage.com/uploads/sloe-second.jpg", alt: "Sloe knitted up" },
        { url: "/uploads/sloe-first.webp", alt: "The first photo again" },
      ],
    });
    const metadata = await generateMetadata(props(product.slug));
    const openGraph = metadata.openGraph as OpenGraph;

    expect(String(metadata.metadataBase)).toBe("http://localhost:3000/");
    expect(absolute(metadata, metadata.alternates?.canonical)).toBe(`http://localhost:3000/products/${product.slug}`);
    expect(metadata.title).toBe("Sloe Merino 4ply");
    expect(metadata.description).toBe("A deep sloe purple, dyed in small batches on a Yorkshire hillside.");
    expect(openGraph).toMatchObject({ type: "website", title: "Sloe Merino 4ply", description: "A deep sloe purple, dyed in small batches on a Yorkshire hillside." });
    expect(absolute(metadata, openGraph.url)).toBe(`http://localhost:3000/products/${product.slug}`);
    // The first photo leads, each photo once; a stored blob's address is already absolute and stays as it is.
    expect(openGraph.images!.map((image) => [absolute(metadata, image.url), image.alt])).toEqual([
      ["http://localhost:3000/uploads/sloe-first.webp", "A skein of Sloe"],
      ["https://store.public.blob.vercel-storage.com/uploads/sloe-second.jpg", "Sloe knitted up"],
    ]);
    expect(metadata.twitter).toMatchObject({ card: "summary_large_image", title: "Sloe Merino 4ply", description: "A deep sloe purple, dyed in small batches on a Yorkshire hillside." });
  });

  it("shares no image and a small Twitter card for a product without photos", async () => {
    const product = await createProduct({ name: "Undyed Base", images: [] });
    const metadata = await generateMetadata(props(product.slug));
    expect((metadata.openGraph as OpenGraph).images).toEqual([]);
    expect(metadata.twitter).toMatchObject({ card: "summary", title: "Undyed Base" });
  });

  it("answers an unknown or draft product with the not-found title, as its page answers 404", async () => {
    const draft = await createProduct({ status: "draft" });
    for (const slug of ["no-such-yarn", draft.slug]) {
      expect(await generateMetadata(props(slug))).toEqual({ title: "Product not found" });
      await expect(ProductPage(props(slug))).rejects.toSatisfy(isNotFound);
    }
  });
});
