// /sitemap.xml – the home page, the listings, every active product, every collection that shows one and every published page
import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/lib/catalog/sitemap-entries";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { listPublishedPages } from "@/lib/pages/list-pages";

// Read per request (never at build time, which has no database).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const read = await db();
  const [entries, pages] = await Promise.all([listSitemapEntries(read), listPublishedPages(read)]);
  const newest = entries.reduce((latest, entry) => (entry.lastModified > latest ? entry.lastModified : latest), "");
  const listing = (path: string) => ({ url: new URL(path, base).toString(), ...(newest ? { lastModified: newest } : {}) });
  return [
    listing("/"),
    listing("/products"),
    listing("/collections"),
    ...entries.map((entry) => ({ url: new URL(entry.path, base).toString(), lastModified: entry.lastModified })),
    ...pages.map((page) => ({ url: new URL(`/pages/${page.slug}`, base).toString(), lastModified: page.updatedAt })),
  ];
}
