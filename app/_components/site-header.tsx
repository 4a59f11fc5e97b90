// The shop's header: name, main navigation, the cart link with its count, and the search field.
import Link from "next/link";
import { CartLink } from "./cart-link";
import { SearchForm } from "./search-form";

export function SiteHeader({ storeName }: { storeName: string }) {
  return (
    <header className="sticky top-0 z-20 border-b border-stone-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
      {/* A phone gets the search field on a row of its own under the name and links; a wider screen
          puts it after the links. The reading order is the visual order on both. */}
      <div className="mx-auto grid max-w-6xl grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,16rem)]">
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
          <CartLink />
        </nav>
        <SearchForm label="Search the shop" inputId="site-search" className="col-span-2 sm:col-span-1" />
      </div>
    </header>
  );
}
