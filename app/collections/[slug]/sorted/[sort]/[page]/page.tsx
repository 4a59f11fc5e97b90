// /collections/[slug]/sorted/[sort]/[page] – where next.config.ts rewrites /collections/[slug]?sort=…&page=…, so each order and page is cached on its own.
import type { Metadata } from "next";
import { COLLECTION_SORTS, parseListingParams } from "@/lib/catalog/listing-params";
import { CollectionView, collectionMetadata } from "../../../_components/collection-view";

type Props = { params: Promise<{ slug: string; sort: string; page: string }> };

export const dynamicParams = true;

export function generateStaticParams(): { slug: string; sort: string; page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, sort, page } = await params;
  return collectionMetadata(slug, parseListingParams({ sort, page }, COLLECTION_SORTS).page);
}

/** An unknown order or page number falls back to the default, as the query string always did. */
export default async function SortedCollectionPage({ params }: Props) {
  const { slug, sort, page } = await params;
  return <CollectionView slug={slug} query={parseListingParams({ sort, page }, COLLECTION_SORTS)} />;
}
