// Test factories for checkouts: the stored quote, a checkout holding stock the way checkout creates it, and requests to checkout routes.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { newCartId } from "@/lib/cart/cart-cookie";
import { writeTransaction } from "@/lib/db";
import { cartItems, carts, checkouts, stockReservations, type CheckoutLineSnapshot } from "@/lib/db/schema";
import { reserveStock } from "@/lib/inventory/reservations";
import { isoAfter } from "@/lib/time";
import type { TestVariant } from "./product";
import { quotedOption, quoteSnapshot } from "./quote";
import { createShippingRate } from "./shipping";

export type CheckoutFactoryOptions = {
  lines: { variant: TestVariant; quantity: number }[];
  email?: string | null;
  country?: string;
  acceptsMarketing?: boolean;
  discount?: { id: number; code: string; percent: number } | null;
  /** Quoted shipping options; by default one real rate at 395. */
  shippingOptions?: { rateId: number | null; name: string; amount: number }[];
  /** When the reservation (and the checkout) lapse; defaults to 35 minutes from now. */
  expiresAt?: string;
  /** False: write the checkout without holding stock (as after the cleanup cron). */
  reserve?: boolean;
  cartId?: string;
};

/**
 * A cart, its checkout row and the stock reservation, written in one transaction the way the
 * checkout flow does it (reserveStock refuses the lot if stock is short).
 */
export async function createCheckout(options: CheckoutFactoryOptions) {
  const country = options.country ?? "GB";
  const shippingOptions = (
    options.shippingOptions ?? [{ rateId: await createShippingRate({ country }), name: "Royal Mail Tracked 48", amount: 395 }]
  ).map(quotedOption);
  const lines: CheckoutLineSnapshot[] = options.lines.map(({ variant, quantity }) => ({
    variantId: variant.variantId,
    productId: variant.productId,
    productName: variant.productName,
    variantName: variant.variantName,
    sku: variant.sku,
    unitPrice: variant.price,
    quantity,
    weightGrams: variant.weightGrams,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const discountTotal = options.discount ? Math.round((subtotal * options.discount.percent) / 100) : 0;
  const expiresAt = options.expiresAt ?? isoAfter(35 * 60 * 1000);
  const id = `chk_${randomBytes(12).toString("hex")}`;
  const cartId = options.cartId ?? newCartId();
  return writeTransaction(async (tx) => {
    if (!options.cartId) {
      await tx.insert(carts).values({ id: cartId });
      await tx.insert(cartItems).values(lines.map((line) => ({ cartId, variantId: line.variantId, quantity: line.quantity })));
    }
    const [checkout] = await tx
      .insert(checkouts)
      .values({
        id,
        cartId,
        email: options.email === undefined ? "ada@example.com" : options.email,
        country,
        acceptsMarketing: options.acceptsMarketing ?? false,
        discountCodeId: options.discount?.id ?? null,
        lines,
        quote: quoteSnapshot({
          subtotal,
          country,
          shippingOptions,
          discount: options.discount
            ? { discountCodeId: options.discount.id, code: options.discount.code, kind: "percent", value: options.discount.percent, amount: discountTotal }
            : null,
        }),
        currency: "GBP",
        subtotal,
        discountTotal,
        paymentProvider: "local",
        paymentSessionId: `cs_test_${randomBytes(12).toString("hex")}`,
        expiresAt,
      })
      .returning();
    if (options.reserve !== false) {
      await reserveStock(tx, { checkoutId: id, lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })), expiresAt });
    }
    return checkout!;
  });
}

/**
 * Another shopper's open checkout holding `quantity` units of a variant until `expiresAt` (default:
 * 30 minutes from now); pass a past time for a lapsed hold, and `cartId` for the shopper's own. The
 * hold is written as it stands, whatever the stock now says: it may predate the owner lowering it.
 */
export async function createReservation(params: { variantId: number; quantity: number; expiresAt?: string; cartId?: string }): Promise<string> {
  const expiresAt = params.expiresAt ?? isoAfter(30 * 60_000);
  const checkoutId = `chk_test_${randomBytes(12).toString("hex")}`;
  await writeTransaction(async (tx) => {
    await tx.insert(checkouts).values({
      id: checkoutId,
      cartId: params.cartId ?? newCartId(),
      country: "GB",
      lines: [],
      quote: quoteSnapshot({ paymentExpiresAt: expiresAt }),
      currency: "GBP",
      subtotal: 0,
      paymentProvider: "local",
      expiresAt,
    });
    await tx.insert(stockReservations).values({ checkoutId, variantId: params.variantId, quantity: params.quantity, expiresAt });
  });
  return checkoutId;
}

/** A request to a checkout route carrying the shopper's cart cookie. */
export function checkoutRequest(path: string, options: { cartId?: string | null; body?: unknown; method?: string } = {}): NextRequest {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.cartId) headers.cookie = `cart_id=${options.cartId}`;
  return new NextRequest(`http://localhost${path}`, {
    method: options.method ?? "POST",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

/** The route context of a handler without dynamic segments. */
export const noParams = { params: Promise.resolve({}) };
