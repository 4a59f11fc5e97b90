// What the owner may save as a product: one zod schema for the API, its tests and the form's field errors.
import { z } from "zod";
import { PRODUCT_STATUSES } from "@/lib/db/schema";

export const MAX_VARIANTS = 100;
const money = z.number().int("Use whole minor units.").min(0, "Use zero or more.").max(100_000_000);

/**
 * Whitespace and control characters (a browser drops tabs and line breaks from a URL, so `/\t/x`
 * becomes `//x`) and backslashes (which a browser reads as `/`, so `/\evil.example` is
 * `//evil.example`, another host).
 */
const UNSAFE_IN_URL = /[\s\u0000-\u001F\u007F-\u009F\\]/;

/**
 * An image the storefront renders with `<img src>`: an https address, or a path on the shop itself —
 * one `/` and then anything but another slash, so it can never be read as `//host`.
 */
function isImageUrl(url: string): boolean {
  if (UNSAFE_IN_URL.test(url)) return false;
  if (url.startsWith("/")) return /^\/[^/]/.test(url);
  if (!/^https:\/\//i.test(url)) return false;
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}

/** Shared with collections: a photo the storefront renders. */
export const imageUrl = z.string().trim().max(2000).refine(isImageUrl, "Use a web address starting with https:// (or a path on this shop starting with /).");

/** A product's or collection's address segment (/products/<slug>, /collections/<slug>). */
export const catalogSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, e.g. merino-sock.")
  .max(80);

const skuField = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._-]{0,63}$/, "Use letters, digits, dots, dashes or underscores (up to 64).");

export const imageInput = z.object({
  url: imageUrl,
  /** Read aloud in place of the photo: every photo the owner saves has one. */
  alt: z.string().trim().min(1, "Describe the photo for someone who cannot see it.").max(200),
  /** The colourway this photo shows, by its SKU (a new variant has no id yet); null for a general photo. */
  variantSku: skuField.nullable().default(null),
});

export const variantInput = z.object({
  /** Present for a variant that exists; absent for a new one. */
  id: z.number().int().positive().optional(),
  /** Option name → value, e.g. { colour: "Heather", weight: "4ply" }. */
  options: z.record(z.string().trim().min(1).max(40), z.string().trim().min(1, "Enter a value.").max(60)).default({}),
  /** Display name; built from the option values when left empty. */
  name: z.string().trim().max(120).default(""),
  sku: skuField,
  price: money,
  compareAtPrice: money.nullable().default(null),
  weightGrams: z.number().int("Use whole grams.").min(0, "Use zero or more.").max(1_000_000),
  isActive: z.boolean().default(true),
  /** Stock of a new variant, written through the ledger as its opening count; ignored for existing ones. */
  initialStock: z.number().int("Use a whole number.").min(0, "Use zero or more.").max(1_000_000).default(0),
});

export const productInput = z
  .object({
    name: z.string().trim().min(1, "Give the product a name.").max(120),
    slug: catalogSlug,
    description: z.string().trim().max(5000).default(""),
    status: z.enum(PRODUCT_STATUSES),
    isFeatured: z.boolean().default(false),
    collectionIds: z.array(z.number().int().positive()).max(50).default([]),
    /** Every photo of the product, general and per colourway, in the order shown. */
    images: z.array(imageInput).max(MAX_VARIANTS + 20).default([]),
    variants: z.array(variantInput).min(1, "Add at least one variant.").max(MAX_VARIANTS),
  })
  .superRefine((input, context) => {
    const skus = new Map<string, number>();
    for (const [index, variant] of input.variants.entries()) {
      if (skus.has(variant.sku)) context.addIssue({ code: "custom", path: ["variants", index, "sku"], message: "Another variant of this product has this SKU." });
      skus.set(variant.sku, index);
      if (variant.compareAtPrice !== null && variant.compareAtPrice <= variant.price) {
        context.addIssue({ code: "custom", path: ["variants", index, "compareAtPrice"], message: "The compare-at price must be higher than the price (or empty)." });
      }
      if (!variant.name && Object.keys(variant.options).length === 0) {
        context.addIssue({ code: "custom", path: ["variants", index, "name"], message: "Give the variant a name or option values." });
      }
    }
    for (const [index, image] of input.images.entries()) {
      if (image.variantSku !== null && !skus.has(image.variantSku)) {
        context.addIssue({ code: "custom", path: ["images", index, "variantSku"], message: "Pick one of this product's variants, or none for a general photo." });
      }
    }
  });
export type ProductInput = z.infer<typeof productInput>;
export type VariantInput = z.infer<typeof variantInput>;
export type ImageInput = z.infer<typeof imageInput>;

/** "Heather / 4ply" from the option values, unless the owner named the variant. */
export function variantDisplayName(variant: Pick<VariantInput, "name" | "options">): string {
  return variant.name || Object.values(variant.options).join(" / ");
}
