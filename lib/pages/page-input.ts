// What the owner may save as a content page: one zod schema for the API, its tests and the form's field errors.
import { z } from "zod";

export const MAX_PAGE_BODY = 50_000;

/** Addresses the storefront serves itself, which a page of the same slug would shadow in links. */
const RESERVED_SLUGS = new Set(["admin", "api", "cart", "checkout", "collections", "products", "order", "maintenance"]);

export const pageSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(80, "Use 80 characters or fewer.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, e.g. shipping-returns.")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "This name is used by another part of the shop; choose another.");

export const pageInput = z.object({
  title: z.string().trim().min(1, "Give the page a title.").max(120, "Use 120 characters or fewer."),
  slug: pageSlug,
  body: z.string().max(MAX_PAGE_BODY, `Use ${MAX_PAGE_BODY.toLocaleString("en-GB")} characters or fewer.`).default(""),
  isPublished: z.boolean().default(true),
});
export type PageInput = z.infer<typeof pageInput>;

/** A change to a page: any of its fields, and/or its place in the footer's order (0 is first). */
export const pageChange = z
  .object({
    title: pageInput.shape.title,
    slug: pageSlug,
    body: z.string().max(MAX_PAGE_BODY, `Use ${MAX_PAGE_BODY.toLocaleString("en-GB")} characters or fewer.`),
    isPublished: z.boolean(),
    position: z.number().int("Use a whole number.").min(0, "Use zero or more.").max(10_000),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, "Send at least one field to change.");
export type PageChange = z.infer<typeof pageChange>;
