// Structured data for a product page (schema.org Product with one Offer per colourway), from the
// live catalogue: prices and availability are what the page itself shows at that moment.
import { moneyDecimal } from "@/lib/money";
import type { ProductDetail } from "./get-product";

export function productJsonLd(product: ProductDetail, { currency, url }: { currency: string; url: string }) {
  // Colourways may share a photo: each address once.
  const image = [...new Set(product.images.map((picture) => new URL(picture.url, url).toString()))];
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description || undefined,
    url,
    ...(image.length ? { image } : {}),
    offers: product.variants.map((variant) => ({
      "@type": "Offer",
      sku: variant.sku,
      name: variant.name,
      price: moneyDecimal(variant.price),
      priceCurrency: currency,
      availability: variant.available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: `${url}?variant=${variant.id}`,
    })),
  };
}

/** The JSON for a `<script type="application/ld+json">`: `<` escaped so no text in it can close the tag. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
