import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-700">404</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold text-brand-900">We couldn’t find that page</h1>
      <p className="mt-3 text-stone-600">
        The link may be old, or the yarn may have sold out for good. Everything we have in stock is in the shop.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/products" className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900">
          Browse the shop
        </Link>
        <Link href="/" className="rounded-full border border-stone-300 bg-white px-5 py-2.5 text-sm font-semibold text-stone-800 hover:bg-stone-100">
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
