"use client";
// Last resort when even the layout fails (for example the database is unreachable): a page of its own.
import "./globals.css";

export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen items-center justify-center bg-stone-50 px-4 font-sans text-stone-900">
        <title>Something went wrong</title>
        <main className="max-w-md text-center">
          <h1 className="font-serif text-3xl font-semibold text-brand-900">We’ll be right back</h1>
          <p className="mt-3 text-stone-600">The shop could not load just now. Your cart is safe. Please try again in a moment.</p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <button type="button" onClick={() => retry()} className="rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white">
              Try again
            </button>
            {/* A full page load, not a client navigation: the app's router may be what failed. */}
            <a href="/" className="rounded-full border border-stone-300 bg-white px-5 py-2.5 text-sm font-semibold text-stone-800">
              Home page
            </a>
          </div>
          {digest ? <p className="mt-6 text-xs text-stone-500">Reference: {digest}</p> : null}
        </main>
      </body>
    </html>
  );
}
