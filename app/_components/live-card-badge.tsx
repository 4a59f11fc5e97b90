"use client";
// A cached card's corner mark: "Sold out" once the page's live read says none of its variants can be bought, else "Sale" when reduced.
import { useLiveState } from "./live-state-store";

export const CARD_BADGE_CLASSES = {
  soldOut: "absolute left-2 top-2 rounded-full bg-stone-900/85 px-2 py-0.5 text-xs font-semibold text-white",
  sale: "absolute left-2 top-2 rounded-full bg-red-800 px-2 py-0.5 text-xs font-semibold text-white",
} as const;

export function LiveCardBadge({ variantIds, isReduced }: { variantIds: number[]; isReduced: boolean }) {
  const { availability } = useLiveState(variantIds);
  const isSoldOut = variantIds.every((id) => availability.get(id) === 0);
  if (isSoldOut) return <span className={CARD_BADGE_CLASSES.soldOut}>Sold out</span>;
  return isReduced ? <span className={CARD_BADGE_CLASSES.sale}>Sale</span> : null;
}
