// /robots.txt – crawlers may read the shop, not the admin, the APIs, the checkout, carts or search results
import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    // Search results are left out: every query is another URL over the same products, which the
    // sitemap already lists with their own pages, so crawling them only spends the crawl budget.
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api", "/checkout", "/cart", "/search"] },
    sitemap: new URL("/sitemap.xml", env().APP_URL).toString(),
  };
}
