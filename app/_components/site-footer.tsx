// The shop's footer: where to go next and how to reach the shop.
import Link from "next/link";

export function SiteFooter({ storeName, supportEmail }: { storeName: string; supportEmail: string }) {
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 text-sm text-stone-600 sm:grid-cols-3">
        <div>
          <p className="font-serif text-base font-semibold text-brand-900">{storeName}</p>
          <p className="mt-1">Hand-dyed yarn, dyed in small batches.</p>
        </div>
        <nav aria-label="Footer">
          <ul className="space-y-1">
            <li>
              <Link href="/products" className="hover:text-brand-900 hover:underline">
                Shop all yarn
              </Link>
            </li>
            <li>
              <Link href="/collections" className="hover:text-brand-900 hover:underline">
                Collections
              </Link>
            </li>
            <li>
              <Link href="/cart" className="hover:text-brand-900 hover:underline">
                Your cart
              </Link>
            </li>
          </ul>
        </nav>
        <p>
          Questions about an order?{" "}
          <a href={`mailto:${supportEmail}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {supportEmail}
          </a>
        </p>
      </div>
    </footer>
  );
}
