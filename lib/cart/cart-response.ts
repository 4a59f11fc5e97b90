// The cart API's JSON: the cart view without its id (the id is the cookie's secret, kept httpOnly).
import type { CartView } from "./load-cart";

export type CartResponseItem = {
  id: number;
  variantId: number;
  productId: number;
  productSlug: string;
  productName: string;
  variantName: string;
  options: Record<string, string>;
  sku: string;
  /** Minor units. */
  unitPrice: number;
  compareAtPrice: number | null;
  quantity: number;
  available: number;
  isPurchasable: boolean;
  image: { url: string; alt: string } | null;
};

export type CartResponse = {
  items: CartResponseItem[];
  /** Minor units, purchasable lines only. */
  subtotal: number;
  currency: string;
  count: number;
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
      isPurchasable: item.isPurchasable,
      image: item.image,
    })),
    subtotal: cart.subtotal,
    currency: cart.currency,
    count: cart.count,
  };
}
