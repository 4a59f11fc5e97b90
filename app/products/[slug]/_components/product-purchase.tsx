"use client";
// The product page's interactive part: gallery, variant picker, live stock status, quantity and Add to cart.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { callCartApi } from "@/app/_components/cart-api";
import { setCartCount } from "@/app/_components/cart-count-store";
import { useLiveState, type LiveAvailability } from "@/app/_components/live-state-store";
import { Price } from "@/app/_components/price";
import { QuantityStepper } from "@/app/_components/quantity-stepper";
import { StockBadge } from "@/app/_components/stock-badge";
import { WaitingRoomLink } from "@/app/_components/waiting-room-link";
import { NotifyMeForm } from "./notify-me-form";
import type { VariantUpdateTimes } from "@/lib/updates/product-update-times";
import { updateStateAt } from "@/lib/updates/update-state";
import { ProductGallery, type GalleryImage } from "./product-gallery";
import { UpdateStatus } from "./update-status";
import { useClientClock } from "./use-client-clock";
import { VariantPicker, type PickerVariant } from "./variant-picker";

/** A colourway as the cached page carries it: no stock, which is read live. */
export type PurchaseVariant = Omit<PickerVariant, "available"> & { sku: string; price: number; compareAtPrice: number | null };

type ProductPurchaseProps = {
  productName: string;
  variants: PurchaseVariant[];
  images: GalleryImage[];
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

export function ProductPurchase({ productName, variants: catalogVariants, images, currency, lowStockThreshold, maxPerItem, updateTimes, renderedAt, children }: ProductPurchaseProps) {
  // Availability comes from the page's live read; a cart answer (or a 409) about a variant is newer.
  const live = useLiveState(useMemo(() => catalogVariants.map((variant) => variant.id), [catalogVariants]));
  const [heardFromCart, setHeardFromCart] = useState<Map<number, number>>(new Map());
  const availabilityOf = (variantId: number): LiveAvailability | undefined => heardFromCart.get(variantId) ?? live.availability.get(variantId);
  const variants: PickerVariant[] = catalogVariants.map((variant) => {
    const known = availabilityOf(variant.id);
    return { ...variant, available: typeof known === "number" ? known : null };
  });
  const [chosenId, setChosenId] = useState<number | null>(null);
  // Until the shopper (or a shared link) chooses, the first colourway in stock is shown once stock is known.
  const firstInStock = catalogVariants.find((variant) => {
    const known = availabilityOf(variant.id);
    return typeof known === "number" && known > 0;
  });
  const selectedId = chosenId ?? (availabilityOf(catalogVariants[0]!.id) === 0 && firstInStock ? firstInStock : catalogVariants[0]!).id;
  const selectedIndex = Math.max(
    0,
    catalogVariants.findIndex((variant) => variant.id === selectedId),
  );
  const selected = catalogVariants[selectedIndex]!;
  const available = availabilityOf(selected.id);
  const [quantity, setQuantity] = useState(1);
  const [isAdding, setIsAdding] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [inCart, setInCart] = useState<Map<number, number>>(new Map());
  // A thumbnail the shopper clicked; otherwise the selected colourway's own image.
  const [pickedImageId, setPickedImageId] = useState<number | null>(null);
  const activeImageId = pickedImageId ?? imageFor(images, selected.id)?.id ?? null;

  const isChecking = available === undefined;
  const nowMs = useClientClock(renderedAt, hasTimeToCome(updateTimes, renderedAt));
  const update = updateTimes[selected.id];
  const updateState = update ? updateStateAt({ ...update, closedAt: null, cancelledAt: null }, new Date(nowMs).toISOString()) : null;
  const isBeforeLive = updateState === "scheduled" || updateState === "preview";
  const isSoldOut = available === 0;
  const maxQuantity = Math.max(1, Math.min(maxPerItem, typeof available === "number" ? available : maxPerItem));
  const swatchFor = useMemo(() => (variant: PickerVariant) => images.find((image) => image.variantId === variant.id)?.url ?? null, [images]);

  const show = (variantId: number) => {
    setChosenId(variantId);
    setPickedImageId(null);
  };

  const chooseFromLink = (variantId: number) => {
    if (catalogVariants.some((variant) => variant.id === variantId) && variantId !== chosenId) show(variantId);
  };

  const select = (variant: PickerVariant) => {
    show(variant.id);
    setNotice(null);
    setQuantity((current) => Math.max(1, Math.min(current, variant.available || 1, maxPerItem)));
    // A shareable link to the chosen colourway, without a server round trip.
    const url = new URL(window.location.href);
    url.searchParams.set("variant", String(variant.id));
    window.history.replaceState(window.history.state, "", url);
  };

  const updateAvailable = (variantId: number, count: number) => setHeardFromCart((current) => new Map(current).set(variantId, count));

  const addToCart = async () => {
    if (isAdding || isSoldOut || isChecking || isBeforeLive) return;
    setIsAdding(true);
    setNotice(null);
    const result = await callCartApi("POST", { variantId: selected.id, quantity });
    setIsAdding(false);
    if (!result.ok) {
      const availableNow = result.error.details?.available;
      if (typeof availableNow === "number") updateAvailable(selected.id, availableNow);
      setNotice({ kind: "error", text: result.error.message });
      return;
    }
    setCartCount(result.cart.count);
    const line = result.cart.items.find((item) => item.variantId === selected.id);
    if (line) {
      updateAvailable(selected.id, line.available);
      setInCart((current) => new Map(current).set(selected.id, line.quantity));
    }
    const variantText = catalogVariants.length > 1 ? `, ${selected.name}` : "";
    setNotice({ kind: "added", text: `Added ${quantity} × ${productName}${variantText} to your cart.` });
  };

  const selectedInCart = inCart.get(selected.id) ?? 0;

  return (
    <div className="grid gap-8 md:grid-cols-2 md:gap-10">
      <ProductGallery images={images} activeImageId={activeImageId} onSelect={setPickedImageId} productName={productName} />

      <div className="flex min-w-0 flex-col gap-5">
        <div>
          <h1 className="font-serif text-3xl font-semibold text-brand-900 sm:text-4xl">{productName}</h1>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <Price amount={selected.price} compareAt={selected.compareAtPrice} currency={currency} size="lg" />
            <span aria-live="polite">
              {isChecking ? (
                <span data-testid="stock-status" data-state="checking" className="inline-flex rounded-full bg-stone-100 px-2.5 py-0.5 text-sm font-medium text-stone-700">
                  Checking stock…
                </span>
              ) : available === "unknown" ? null : (
                <StockBadge available={available} lowStockThreshold={lowStockThreshold} />
              )}
            </span>
          </div>
          {variants.length > 1 ? <p className="mt-1 text-xs text-stone-500">SKU {selected.sku}</p> : null}
        </div>

        {/* `?variant=` from a shared link, read in the browser: the cached page is the same for every link. */}
        <Suspense fallback={null}>
          <VariantFromLink onVariant={chooseFromLink} />
        </Suspense>
        {update && updateState && updateState !== "closed" ? <UpdateStatus update={update} state={updateState} nowMs={nowMs} renderedAt={renderedAt} /> : null}
        {update?.hasWaitingRoom && updateState !== "closed" && updateState !== "scheduled" ? <WaitingRoomLink href={`/updates/${update.updateId}/waiting-room`} updateName={update.name} /> : null}

        <VariantPicker variants={variants} selected={variants[selectedIndex]!} onSelect={select} swatchFor={swatchFor} />

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
              disabled={isSoldOut || isChecking || isBeforeLive}
              onChange={setQuantity}
              testId="product-quantity"
            />
            <button
              type="submit"
              disabled={isSoldOut || isBeforeLive || isAdding || isChecking}
              aria-disabled={isSoldOut || isBeforeLive || isAdding || isChecking}
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

        {isSoldOut || isBeforeLive ? <NotifyMeForm key={selected.id} reason={isBeforeLive ? "announced" : "sold_out"} variantId={selected.id} colourway={variants.length > 1 ? selected.name : productName} /> : null}

        {children}
      </div>
    </div>
  );
}

/** Tells the purchase area which colourway a shared link (`?variant=`) asks for. */
function VariantFromLink({ onVariant }: { onVariant: (variantId: number) => void }) {
  const requested = useSearchParams()?.get("variant") ?? null;
  useEffect(() => {
    if (requested !== null) onVariant(Number(requested));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per link, not per render of the parent
  }, [requested]);
  return null;
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
