// The content pages as the admin, the footer, the sitemap and the storefront read them.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { contentPages } from "@/lib/db/schema";

/** The Terms page (seeded by migration 0008): the cart links it, and it ends with the trader details. */
export const TERMS_SLUG = "terms";

export type ContentPage = typeof contentPages.$inferSelect;
export type PageLink = { slug: string; title: string; updatedAt: string };

const inOrder = [asc(contentPages.position), asc(contentPages.id)] as const;

/** Every page, published or not, in footer order. */
export function listPages(db: DbOrTx): Promise<ContentPage[]> {
  return db.select().from(contentPages).orderBy(...inOrder);
}

/** The published pages in footer order, without their bodies. */
export function listPublishedPages(db: DbOrTx): Promise<PageLink[]> {
  return db
    .select({ slug: contentPages.slug, title: contentPages.title, updatedAt: contentPages.updatedAt })
    .from(contentPages)
    .where(eq(contentPages.isPublished, true))
    .orderBy(...inOrder);
}

export async function getPage(db: DbOrTx, id: number): Promise<ContentPage | null> {
  const [page] = await db.select().from(contentPages).where(eq(contentPages.id, id));
  return page ?? null;
}

/** Where the cart and checkout link the Terms beside the right to cancel: null while the page is hidden. */
export async function publishedTermsHref(db: DbOrTx): Promise<string | null> {
  const terms = await getPublishedPage(db, TERMS_SLUG);
  return terms ? `/pages/${terms.slug}` : null;
}

/** A page shoppers may see: null when it does not exist or is hidden. */
export async function getPublishedPage(db: DbOrTx, slug: string): Promise<ContentPage | null> {
  const [page] = await db
    .select()
    .from(contentPages)
    .where(and(eq(contentPages.slug, slug), eq(contentPages.isPublished, true)));
  return page ?? null;
}
