"use client";
// The product page's interactive part: gallery, variant picker, stock status, quantity and Add to cart.
import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import { callCartApi } from "@/app/_components/cart-api";
import { setCartCount } from "@/app/_components/cart-count-store";
import { Price } from "@/app/_components/price";
import { QuantityStepper } from "@/app/_components/quantity-stepper";
import { StockBadge } from "@/app/_components/stock-badge";
import type { VariantUpdateTimes } from "@/lib/updates/product-update-times";
import { updateStateAt } from "@/lib/updates/update-state";
import { ProductGallery, type GalleryImage } from "./product-gallery";
import { UpdateStatus } from "./update-status";
import { useClientClock } from "./use-client-clock";
import { VariantPicker, type PickerVariant } from "./variant-picker";

export type PurchaseVariant = PickerVariant & { sku: string; price: number; compareAtPrice: number | null };

type ProductPurchaseProps = {
  productName: string;
  variants: PurchaseVariant[];
  images: GalleryImage[];
  initialVariantId: number;
  currency: string;
  lowStockThreshold: number;
  /** The shop's per-item cap (maxUnitsPerVariant): the cart refuses more. */
  maxPerItem: number;
  /** Colourways in an unfinished shop update, by variant id: the browser decides from these times whether they can be bought yet. */
  updateTimes: Record<number, VariantUpdateTimes>;
  /** When the server rendered the page: the clock until the browser's takes over (use-client-clock.ts). */
  renderedAt: string;
  /** Server-rendered text below the buy button (description, collections). */
  children?: ReactNode;
};

type Notice = { kind: "added"; text: string } | { kind: "error"; text: string } | null;

export function ProductPurchase({ productName, variants: initialVariants, images, initialVariantId, currency, lowStockThreshold, maxPerItem, updateTimes, renderedAt, children }: ProductPurchaseProps) {
  // Availability changes as the shopper (or a 409) tells us more; keep it per variant.
  const [variants, setVariants] = useState(initialVariants);
  const [selectedId, setSelectedId] = useState(initialVariantId);
  const selected = variants.find((variant) => variant.id === selectedId) ?? variants[0]!;
  const [quantity, setQuantity] = useState(1);
  const [isAdding, setIsAdding] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [inCart, setInCart] = useState<Map<number, number>>(new Map());
  const [activeImageId, setActiveImageId] = useState<number | null>(() => imageFor(images, initialVariantId)?.id ?? null);

  const nowMs = useClientClock(renderedAt, hasTimeToCome(updateTimes, renderedAt));
  const update = updateTimes[selected.id];
  const updateState = update ? updateStateAt({ ...update, closedAt: null, cancelledAt: null }, new Date(nowMs).toISOString()) : null;
  const isBeforeLive = updateState === "scheduled" || updateState === "preview";
  const isSoldOut = selected.available === 0;
  const maxQuantity = Math.max(1, Math.min(maxPerItem, selected.available));
  const swatchFor = useMemo(() => (variant: PickerVariant) => images.find((image) => image.variantId === variant.id)?.url ?? null, [images]);

  const select = (variant: PickerVariant) => {
    setSelectedId(variant.id);
    setNotice(null);
    setQuantity((current) => Math.max(1, Math.min(current, variant.available || 1, maxPerItem)));
    const image = imageFor(images, variant.id);
    if (image) setActiveImageId(image.id);
    // A shareable link to the chosen colourway, without a server round trip.
    const url = new URL(window.location.href);
    url.searchParams.set("variant", String(variant.id));
    window.history.replaceState(window.history.state, "", url);
  };

  const updateAvailable = (variantId: number, available: number) =>
    setVariants((current) => current.map((variant) => (variant.id === variantId ? { ...variant, available } : variant)));

  const addToCart = async () => {
    if (isAdding || isSoldOut || isBeforeLive) return;
    setIsAdding(true);
    setNotice(null);
    const result = await callCartApi("POST", { variantId: selected.id, quantity });
    setIsAdding(false);
    if (!result.ok) {
      const available = result.error.details?.available;
      if (typeof available === "number") updateAvailable(selected.id, available);
      setNotice({ kind: "error", text: result.error.message });
      return;
    }
    setCartCount(result.cart.count);
    const line = result.cart.items.find((item) => item.variantId === selected.id);
    if (line) {
      updateAvailable(selected.id, line.available);
      setInCart((current) => new Map(current).set(selected.id, line.quantity));
    }
    const variantText = variants.length > 1 ? `, ${selected.name}` : "";
    setNotice({ kind: "added", text: `Added ${quantity} × ${productName}${variantText} to your cart.` });
  };

  const selectedInCart = inCart.get(selected.id) ?? 0;

  return (
    <div className="grid gap-8 md:grid-cols-2 md:gap-10">
      <ProductGallery images={images} activeImageId={activeImageId} onSelect={setActiveImageId} productName={productName} />

      <div className="flex min-w-0 flex-col gap-5">
        <div>
          <h1 className="font-serif text-3xl font-semibold text-brand-900 sm:text-4xl">{productName}</h1>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Price amount={selected.price} compareAt={selected.compareAtPrice} currency={currency} size="lg" />
            <StockBadge available={selected.available} lowStockThreshold={lowStockThreshold} />
          </div>
          {variants.length > 1 ? <p className="mt-1 text-xs text-stone-500">SKU {selected.sku}</p> : null}
        </div>

        {update && updateState && updateState !== "closed" ? <UpdateStatus update={update} state={updateState} nowMs={nowMs} renderedAt={renderedAt} /> : null}

        <VariantPicker variants={variants} selected={selected} onSelect={select} swatchFor={swatchFor} />

        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            void addToCart();
          }}
        >
          <div className="flex flex-wrap items-end gap-3">
            <QuantityStepper
              id="product-quantity"
              label="Quantity"
              value={quantity}
              min={1}
              max={maxQuantity}
              disabled={isSoldOut || isBeforeLive}
              onChange={setQuantity}
              testId="product-quantity"
            />
            <button
              type="submit"
              disabled={isSoldOut || isBeforeLive || isAdding}
              aria-disabled={isSoldOut || isBeforeLive || isAdding}
              aria-busy={isAdding}
              className="inline-flex min-h-11 flex-1 items-center justify-center gap-2 rounded-full bg-brand-700 px-6 py-2.5 font-semibold text-white shadow-sm hover:bg-brand-900 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600 sm:flex-none sm:min-w-48"
            >
              {isAdding ? (
                <>
                  <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />
                  Adding…
                </>
              ) : isSoldOut ? (
                "Sold out"
              ) : isBeforeLive ? (
                "Not on sale yet"
              ) : (
                "Add to cart"
              )}
            </button>
          </div>

          <div aria-live="polite" role="status" className="min-h-6 text-sm">
            {notice?.kind === "added" ? (
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-brand-50 px-3 py-2 text-brand-900" data-testid="add-to-cart-confirmation">
                <span>{notice.text}</span>
                <Link href="/cart" className="font-semibold underline underline-offset-2">
                  View cart
                </Link>
              </p>
            ) : null}
          </div>
          <div aria-live="assertive" role="alert" className="text-sm empty:hidden">
            {notice?.kind === "error" ? (
              <p className="rounded-lg bg-red-50 px-3 py-2 text-red-800" data-testid="add-to-cart-error">
                {notice.text}
              </p>
            ) : null}
          </div>
          {selectedInCart > 0 ? (
            <p className="text-sm text-stone-600">
              You have {selectedInCart} of this in your cart.
            </p>
          ) : null}
        </form>

        {children}
      </div>
    </div>
  );
}

/**
 * Whether any update on the page has a preview, live or close time still to come (as of the
 * render; the clock then ticks until the page is left), so a page with none never re-renders.
 */
function hasTimeToCome(updateTimes: Record<number, VariantUpdateTimes>, renderedAt: string): boolean {
  return Object.values(updateTimes).some((update) => [update.previewAt, update.liveAt, update.closeAt].some((time) => time !== null && time > renderedAt));
}

/** A variant's own colourway image, else the product's first general image. */
function imageFor(images: GalleryImage[], variantId: number): GalleryImage | undefined {
  return images.find((image) => image.variantId === variantId) ?? images.find((image) => image.variantId === null) ?? images[0];
}
