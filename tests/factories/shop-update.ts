// Test factory for shop updates: rows written directly, as lib/updates' admin would save them.
import { writeTransaction } from "@/lib/db";
import { shopUpdateItems, shopUpdates } from "@/lib/db/schema";
import { isoAfter } from "@/lib/time";

export type ShopUpdateSpec = Partial<Omit<typeof shopUpdates.$inferInsert, "id">> & {
  items: { variantId: number; quantity?: number | null; limitPerCustomer?: number | null }[];
};

/** An update (live a minute ago unless told otherwise) and its variants; returns its id. */
export async function createShopUpdate(spec: ShopUpdateSpec): Promise<number> {
  const { items, ...values } = spec;
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(shopUpdates)
      .values({ name: "Friday update", liveAt: isoAfter(-60_000), ...values })
      .returning({ id: shopUpdates.id });
    const updateId = row!.id;
    await tx.insert(shopUpdateItems).values(items.map((item) => ({ updateId, variantId: item.variantId, quantity: item.quantity ?? null, limitPerCustomer: item.limitPerCustomer ?? null })));
    return updateId;
  });
}
