// Every collection by name, for the admin's pickers and filters (empty ones included, unlike the storefront's list).
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { collections } from "@/lib/db/schema";

export type CollectionOption = { id: number; name: string };

export function listCollectionOptions(db: DbOrTx): Promise<CollectionOption[]> {
  return db.select({ id: collections.id, name: collections.name }).from(collections).orderBy(asc(collections.name), asc(collections.id));
}
