// /home/[view] – where next.config.ts rewrites "/", so the home page is kept in Next's full-route cache:
// rendered on its first visit after a start, then served from the cache until a catalog or settings save expires its tags.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HomeView } from "@/app/_components/home-view";
import { env } from "@/lib/env";
import { HOME_VIEW } from "@/lib/storefront/home-path";


type Props = { params: Promise<{ view: string }> };

export const dynamicParams = true;

/**
 * Nothing is rendered at build time: the shop's database may not exist then (it is seeded or
 * restored after the build), and a page built from an empty one would be served until the next save.
 */
export function generateStaticParams(): { view: string }[] {
  return [];
}

export function generateMetadata(): Metadata {
  return { metadataBase: new URL(env().APP_URL), alternates: { canonical: "/" } };
}

export default async function HomePage({ params }: Props) {
  if ((await params).view !== HOME_VIEW) notFound();
  return <HomeView />;
}
