// The shop's footer: where to go next, the shop's own pages, how to reach the shop and who it legally is.
import Link from "next/link";
import type { PageLink } from "@/lib/pages/list-pages";
import type { TraderDetails } from "@/lib/settings/trader-details";
import { TraderDetailsText } from "./trader-details-text";

type SiteFooterProps = { storeName: string; supportEmail: string; pages: Pick<PageLink, "slug" | "title">[]; trader: TraderDetails | null };

const linkClass = "hover:text-brand-900 hover:underline";

export function SiteFooter({ storeName, supportEmail, pages, trader }: SiteFooterProps) {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 text-sm text-stone-600 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <p className="font-serif text-base font-semibold text-brand-900">{storeName}</p>
          <p className="mt-1">Hand-dyed yarn, dyed in small batches.</p>
        </div>
        <nav aria-label="Footer">
          <ul className="space-y-1">
            <li>
              <Link href="/products" className={linkClass}>
                Shop all yarn
              </Link>
            </li>
            <li>
              <Link href="/collections" className={linkClass}>
                Collections
              </Link>
            </li>
            <li>
              <Link href="/cart" className={linkClass}>
                Your cart
              </Link>
            </li>
          </ul>
        </nav>
        {pages.length > 0 ? (
          <nav aria-label="About the shop">
            <ul className="space-y-1">
              {pages.map((page) => (
                <li key={page.slug}>
                  <Link href={`/pages/${page.slug}`} className={linkClass}>
                    {page.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="space-y-3">
          <p>
            Questions about an order?{" "}
            <a href={`mailto:${supportEmail}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {supportEmail}
            </a>
          </p>
          {trader ? <TraderDetailsText trader={trader} className="text-xs" /> : null}
        </div>
      </div>
    </footer>
  );
}
