"use client";
// The header's cart link with a live unit count; it asks for the page's live read on every page view.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCartCount } from "./cart-count-store";
import { useLiveState } from "./live-state-store";

export function CartLink() {
  useLiveState([], usePathname() ?? "/");
  const count = useCartCount();
  const label = count === null ? "Cart" : count === 0 ? "Cart, empty" : `Cart, ${count} ${count === 1 ? "item" : "items"}`;
  return (
    <Link
      href="/cart"
      aria-label={label}
      className="relative inline-flex items-center gap-2 rounded-full px-3 py-2 text-sm font-medium text-brand-900 hover:bg-brand-100"
      data-testid="header-cart"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M5 8h14l-1.2 11.1a2 2 0 0 1-2 1.9H8.2a2 2 0 0 1-2-1.9L5 8Z" strokeLinejoin="round" />
        <path d="M9 8V6a3 3 0 0 1 6 0v2" strokeLinecap="round" />
      </svg>
      <span className="hidden sm:inline">Cart</span>
      <span
        aria-hidden="true"
        data-testid="header-cart-count"
        className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums ${
          count !== null && count > 0 ? "bg-brand-700 text-white" : "bg-stone-200 text-stone-700"
        }`}
      >
        {/* Until the live read answers, the badge keeps its place without guessing a number. */}
        {count ?? "\u00a0"}
      </span>
    </Link>
  );
}
