// /collections/[slug] – a collection in the owner's order, first page; ?sort= and ?page= are rewritten to ./sorted/[sort]/[page].
import type { Metadata } from "next";
import { COLLECTION_SORTS } from "@/lib/catalog/listing-params";
import { CollectionView, collectionMetadata } from "./_components/collection-view";

type Props = { params: Promise<{ slug: string }> };

/** Kept in Next's full-route cache from its first request until a catalog or settings save expires it. */
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return collectionMetadata((await params).slug);
}

export default async function CollectionPage({ params }: Props) {
  return <CollectionView slug={(await params).slug} query={{ sort: COLLECTION_SORTS[0], page: 1 }} />;
}
