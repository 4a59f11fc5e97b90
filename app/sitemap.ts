// /sitemap.xml – the home page, the listings, every active product and every collection that shows one
import type { MetadataRoute } from "next";
import { listSitemapEntries } from "@/lib/catalog/sitemap-entries";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Read per request (never at build time, which has no database).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const entries = await listSitemapEntries(await db());
  const newest = entries.reduce((latest, entry) => (entry.lastModified > latest ? entry.lastModified : latest), "");
  const listing = (path: string) => ({ url: new URL(path, base).toString(), ...(newest ? { lastModified: newest } : {}) });
  return [listing("/"), listing("/products"), listing("/collections"), ...entries.map((entry) => ({ url: new URL(entry.path, base).toString(), lastModified: entry.lastModified }))];
}
