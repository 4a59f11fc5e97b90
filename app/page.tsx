import Link from "next/link";
import { connection } from "next/server";
import { listProductCards } from "@/lib/catalog/list-products";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { getSettings } from "@/lib/settings";

export default async function HomePage() {
  await connection(); // rendered per request from the database, never at build time
  const read = await db();
  const [settings, cards] = await Promise.all([getSettings(read), listProductCards(read)]);
  return (
    <main className="mx-auto max-w-6xl px-4 py-10">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">{settings.storeName}</h1>
      <p className="mt-2 text-stone-600">Hand-dyed yarn in small batches.</p>
      {cards.length === 0 ? (
        <p className="mt-10 rounded border border-dashed border-stone-300 p-8 text-center text-stone-600">
          No products are on sale yet.
        </p>
      ) : (
        <ul className="mt-8 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4" aria-label="Products">
          {cards.map((card) => (
            <li key={card.id} className="rounded-lg border border-stone-200 bg-white p-3">
              <Link href={`/products/${card.slug}`} className="block">
                {card.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- local SVG swatches need no optimisation
                  <img src={card.image.url} alt={card.image.alt} className="aspect-square w-full rounded object-cover" />
                ) : null}
                <span className="mt-2 block font-medium">{card.name}</span>
                <span className="text-sm text-stone-600">from {formatMoney(card.fromPrice, settings.currency)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
