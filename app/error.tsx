"use client";
// Shown when a page fails to render: no internals, a way to try again, and the error's digest for support.
import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex w-full max-w-xl flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">Something went wrong</h1>
      <p className="mt-3 text-stone-600">Sorry, this page could not be shown just now. Your cart is safe. Please try again in a moment.</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <button type="button" onClick={() => retry()} className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900">
          Try again
        </button>
        <Link href="/" className="rounded-full border border-stone-300 bg-white px-5 py-2.5 text-sm font-semibold text-stone-800 hover:bg-stone-100">
          Go to the home page
        </Link>
      </div>
      {digest ? <p className="mt-6 text-xs text-stone-500">Reference: {digest}</p> : null}
    </main>
  );
}
