// One product in a grid: image, name, price and a sold-out badge.
import Link from "next/link";
import type { ProductCard as ProductCardData } from "@/lib/catalog/list-products";
import { Price } from "./price";
import { ProductImage } from "./product-image";

export function ProductCard({ card, currency, eager = false }: { card: ProductCardData; currency: string; eager?: boolean }) {
  return (
    <li className="group relative flex flex-col overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm transition hover:shadow-md">
      <div className="relative">
        <ProductImage image={card.image} eager={eager} className="aspect-square w-full" sizes="(min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw" />
        {card.isSoldOut ? (
          <span className="absolute left-2 top-2 rounded-full bg-stone-900/85 px-2 py-0.5 text-xs font-semibold text-white">Sold out</span>
        ) : card.compareAtPrice ? (
          <span className="absolute left-2 top-2 rounded-full bg-red-800 px-2 py-0.5 text-xs font-semibold text-white">Sale</span>
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 className="text-sm font-medium leading-snug text-stone-900 sm:text-base">
          {/* The link covers the whole card, so the card is one tab stop with the product's name. */}
          <Link href={`/products/${card.slug}`} className="after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
            {card.name}
          </Link>
        </h3>
        <Price amount={card.fromPrice} currency={currency} compareAt={card.compareAtPrice} isFrom={card.hasPriceRange} />
      </div>
      <span aria-hidden="true" className="pointer-events-none absolute inset-0 rounded-xl ring-brand-600 group-has-[:focus-visible]:ring-2" />
    </li>
  );
}

export function ProductGrid({ cards, currency, label }: { cards: ProductCardData[]; currency: string; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">
      {cards.map((card, index) => (
        <ProductCard key={card.id} card={card} currency={currency} eager={index < 4} />
      ))}
    </ul>
  );
}
