// /robots.txt – crawlers may read the shop, not the admin, the APIs, the checkout or carts
import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api", "/checkout", "/cart"] },
    sitemap: new URL("/sitemap.xml", env().APP_URL).toString(),
  };
}
