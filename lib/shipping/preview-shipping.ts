// What a shopper in a country with a parcel of some weight would be offered: the checkout's own quote.
import type { DbOrTx } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { quoteShipping, type ShippingQuote } from "./quote-shipping";

export type ShippingPreview = { isServed: true; quote: ShippingQuote } | { isServed: false; message: string; reason: string };

/** The refusal a shopper would read is part of the preview, not an error of it. */
export async function previewShipping(db: DbOrTx, params: { country: string; weightGrams: number; subtotal: number }): Promise<ShippingPreview> {
  try {
    return { isServed: true, quote: await quoteShipping(db, params) };
  } catch (error) {
    if (error instanceof AppError && error.code === "no_shipping_rate") {
      return { isServed: false, message: error.message, reason: (error.details as { reason?: string } | undefined)?.reason ?? "no_rate" };
    }
    throw error;
  }
}
