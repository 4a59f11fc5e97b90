// One product in a grid: image, name, price and a sold-out badge.
import Link from "next/link";
import type { CatalogCard, ProductCard as ProductCardData } from "@/lib/catalog/list-products";
import { CARD_BADGE_CLASSES, LiveCardBadge } from "./live-card-badge";
import { Price } from "./price";
import { ProductImage } from "./product-image";

/** A page rendered per request knows whether a card is sold out; a cached page's card (CatalogCard) asks the live read. */
type Card = ProductCardData | CatalogCard;

export function ProductCard({ card, currency, eager = false }: { card: Card; currency: string; eager?: boolean }) {
  return (
    <li className="group relative flex flex-col overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm transition hover:shadow-md">
      <div className="relative">
        <ProductImage image={card.image} eager={eager} className="aspect-square w-full" sizes="(min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw" />
        {"variantIds" in card ? (
          <LiveCardBadge variantIds={card.variantIds} isReduced={Boolean(card.compareAtPrice)} />
        ) : card.isSoldOut ? (
          <span className={CARD_BADGE_CLASSES.soldOut}>Sold out</span>
        ) : card.compareAtPrice ? (
          <span className={CARD_BADGE_CLASSES.sale}>Sale</span>
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

export function ProductGrid({ cards, currency, label }: { cards: Card[]; currency: string; label: string }) {
  return (
    <ul aria-label={label} className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4">
      {cards.map((card, index) => (
        <ProductCard key={card.id} card={card} currency={currency} eager={index < 4} />
      ))}
    </ul>
  );
}
