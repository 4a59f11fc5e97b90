// The shop's header: name, main navigation and the cart link with its count.
import Link from "next/link";
import { CartLink } from "./cart-link";

export function SiteHeader({ storeName, cartCount }: { storeName: string; cartCount: number }) {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="min-w-0 truncate font-serif text-lg font-semibold text-brand-900 sm:text-xl">
          {storeName}
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1 text-sm">
          {/* Both links on every screen (a phone too), tighter below `sm`; the store name truncates first. */}
          <Link href="/products" className="rounded-full px-2 py-2 font-medium text-stone-700 hover:bg-brand-100 hover:text-brand-900 sm:px-3">
            Shop
          </Link>
          <Link href="/collections" className="rounded-full px-2 py-2 font-medium text-stone-700 hover:bg-brand-100 hover:text-brand-900 sm:px-3">
            Collections
          </Link>
          <CartLink serverCount={cartCount} />
        </nav>
      </div>
    </header>
  );
}
