// The stock check every cart write makes before writing, so nothing is written on a 409.
import type { DbOrTx } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { getAvailability } from "@/lib/inventory/availability";

/**
 * Throws insufficient_stock (409) with `details.available` when the line would hold more units
 * than stock minus other shoppers' active reservations. Inside a write transaction nothing can
 * change in between; read before a write batch, the batch's guard checks it again (cartLineStatements).
 */
export async function assertAvailable(
  tx: DbOrTx,
  params: { variantId: number; quantity: number; inCart: number; ownCheckoutId: string | null; now: string },
): Promise<void> {
  const availability = await getAvailability(tx, [params.variantId], {
    now: params.now,
    ...(params.ownCheckoutId ? { excludeCheckoutId: params.ownCheckoutId } : {}),
  });
  const available = availability.get(params.variantId)?.available ?? 0;
  if (params.quantity <= available) return;
  const message =
    available === 0
      ? "Sorry, this is sold out."
      : params.inCart > 0
        ? `Only ${available} available, and you already have ${params.inCart} in your cart.`
        : `Only ${available} available.`;
  throw new AppError("insufficient_stock", message, { variantId: params.variantId, available, inCart: params.inCart });
}
