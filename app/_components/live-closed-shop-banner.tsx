"use client";
// The closed-shop banner when the page's live read says this visitor is a signed-in admin in a closed shop.
import { ClosedShopBanner } from "./closed-shop-banner";
import { useLiveState } from "./live-state-store";

export function LiveClosedShopBanner() {
  const { closedShop } = useLiveState();
  return closedShop ? <ClosedShopBanner endsAt={closedShop.endsAt} /> : null;
}
