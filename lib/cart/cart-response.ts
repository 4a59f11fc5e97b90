// The cart API's JSON: the cart view without its id (the id is the cookie's secret, kept httpOnly).
import type { CartLine, CartView } from "./load-cart";

/** What a line tells the browser: the cart view's line without shipping internals (weight). */
export type CartResponseItem = Pick<
  CartLine,
  | "id"
  | "variantId"
  | "productId"
  | "productSlug"
  | "productName"
  | "variantName"
  | "options"
  | "sku"
  | "unitPrice"
  | "compareAtPrice"
  | "quantity"
  | "available"
  | "held"
  | "heldUntil"
  | "isPurchasable"
  | "image"
>;

export type CartResponse = {
  items: CartResponseItem[];
  /** Minor units, purchasable lines only. */
  subtotal: number;
  currency: string;
  count: number;
  /** The most units one line may hold; a quantity stepper stops there. */
  maxQuantityPerLine: number;
  /** "Held for you until": when the shopper's checkout stops holding a shop update's stock; null when it holds none. */
  heldUntil: string | null;
};

export function toCartResponse(cart: CartView): CartResponse {
  return {
    items: cart.items.map((item) => ({
      id: item.id,
      variantId: item.variantId,
      productId: item.productId,
      productSlug: item.productSlug,
      productName: item.productName,
      variantName: item.variantName,
      options: item.options,
      sku: item.sku,
      unitPrice: item.unitPrice,
      compareAtPrice: item.compareAtPrice,
      quantity: item.quantity,
      available: item.available,
      held: item.held,
      heldUntil: item.heldUntil,
      isPurchasable: item.isPurchasable,
      image: item.image,
    })),
    subtotal: cart.subtotal,
    currency: cart.currency,
    count: cart.count,
    maxQuantityPerLine: cart.maxQuantityPerLine,
    heldUntil: cart.heldUntil ?? null,
  };
}
