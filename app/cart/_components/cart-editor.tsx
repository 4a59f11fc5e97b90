"use client";
// The cart page's lines: quantity steppers, remove with undo, and a subtotal that follows every change.
import Link from "next/link";
import { useRef, useState } from "react";
import { HoldCountdown } from "@/app/_components/hold-countdown";
import { callCartApi } from "@/app/_components/cart-api";
import { setCartCount } from "@/app/_components/cart-count-store";
import { EmptyState } from "@/app/_components/empty-state";
import { Price } from "@/app/_components/price";
import { ProductImage } from "@/app/_components/product-image";
import { QuantityStepper } from "@/app/_components/quantity-stepper";
import type { CartResponse, CartResponseItem } from "@/lib/cart/cart-response";
import { stockStatus } from "@/lib/catalog/stock-status";
import { formatMoney } from "@/lib/money";
import { loweredQuantityNotice, shortStockNotice } from "./cart-line-notice";
import { CancellationNotice } from "@/app/_components/cancellation-notice";

type CartEditorProps = {
  initialCart: CartResponse;
  lowStockThreshold: number;
  /** The published Terms page, linked where the shopper starts checkout; null while it is hidden. */
  termsHref: string | null;
};

type Change = { method: "PATCH" | "POST"; variantId: number; quantity: number };

export function CartEditor({ initialCart, lowStockThreshold, termsHref }: CartEditorProps) {
  const [cart, setCart] = useState(initialCart);
  /** Quantities the shopper chose that the server has not confirmed yet (0 = being removed). */
  const [pending, setPending] = useState<Map<number, number>>(new Map());
  const [lineErrors, setLineErrors] = useState<Map<number, string>>(new Map());
  /** What the page did to a line's number for the shopper (lowered to what is left), said once. */
  const [lineNotes, setLineNotes] = useState<Map<number, string>>(new Map());
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<CartResponseItem | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [isSaving, setIsSaving] = useState(false);
  const undoRef = useRef<HTMLButtonElement>(null);

  // Changes go to the server one after another, in the order the shopper made them, so the last
  // click always wins; the page settles on the server's cart once nothing is left in flight.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef(0);
  const latest = useRef<CartResponse | null>(null);
  const hadError = useRef(false);

  const send = (change: Change, onError: (message: string) => void) => {
    inFlight.current += 1;
    setIsSaving(true);
    queue.current = queue.current.then(async () => {
      const result = await callCartApi(change.method, { variantId: change.variantId, quantity: change.quantity });
      if (result.ok) latest.current = result.cart;
      else {
        hadError.current = true;
        onError(result.error.message);
      }
      inFlight.current -= 1;
      if (inFlight.current > 0) return;
      let settled = latest.current;
      if (hadError.current) {
        // A refused change leaves the page unsure of the server's state: read it back.
        const fresh = await callCartApi("GET");
        if (fresh.ok) settled = fresh.cart;
        if (inFlight.current > 0) return;
      }
      latest.current = null;
      hadError.current = false;
      setPending(new Map());
      setIsSaving(false);
      if (settled) {
        setCart(settled);
        setCartCount(settled.count);
        setAnnouncement(`Cart updated. Subtotal ${formatMoney(settled.subtotal, settled.currency)}.`);
      }
    });
  };

  const quantityOf = (item: CartResponseItem) => pending.get(item.variantId) ?? item.quantity;

  const clearLineError = (variantId: number) =>
    setLineErrors((current) => {
      if (!current.has(variantId)) return current;
      const next = new Map(current);
      next.delete(variantId);
      return next;
    });

  const noteLine = (variantId: number, note: string | null) =>
    setLineNotes((current) => {
      const next = new Map(current);
      if (note === null) next.delete(variantId);
      else next.set(variantId, note);
      return next;
    });

  const changeQuantity = (item: CartResponseItem, wanted: number) => {
    // Stepping down from more than is available goes straight to what is available, and says so.
    const quantity = Math.min(wanted, Math.max(1, item.available));
    noteLine(item.variantId, quantity < wanted ? loweredQuantityNotice(wanted, quantity, "stock") : null);
    clearLineError(item.variantId);
    setGeneralError(null);
    setPending((current) => new Map(current).set(item.variantId, quantity));
    send({ method: "PATCH", variantId: item.variantId, quantity }, (message) =>
      setLineErrors((current) => new Map(current).set(item.variantId, message)),
    );
  };

  const remove = (item: CartResponseItem) => {
    clearLineError(item.variantId);
    setGeneralError(null);
    setPending((current) => new Map(current).set(item.variantId, 0));
    setRemoved(item);
    send({ method: "PATCH", variantId: item.variantId, quantity: 0 }, (message) => setGeneralError(message));
    // The row's buttons vanish with it: keep keyboard users next to the way back.
    requestAnimationFrame(() => undoRef.current?.focus());
  };

  const undoRemove = () => {
    if (!removed) return;
    const item = removed;
    setRemoved(null);
    setPending((current) => new Map(current).set(item.variantId, item.quantity));
    send({ method: "POST", variantId: item.variantId, quantity: item.quantity }, (message) =>
      setGeneralError(`${item.productName} could not be put back: ${message}`),
    );
  };

  const visible = cart.items.filter((item) => quantityOf(item) > 0);
  const purchasable = visible.filter((item) => item.isPurchasable);
  const subtotal = purchasable.reduce((sum, item) => sum + item.unitPrice * quantityOf(item), 0);
  const count = purchasable.reduce((sum, item) => sum + quantityOf(item), 0);
  const blockers = visible.filter((item) => !item.isPurchasable || quantityOf(item) > item.available);

  return (
    <div>
      <p role="status" aria-live="polite" className="sr-only" data-testid="cart-announcement">
        {announcement}
      </p>

      {removed ? (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm">
          <span>
            Removed {removed.productName}
            {removed.variantName ? `, ${removed.variantName}` : ""}.
          </span>
          <span className="flex gap-2">
            <button
              ref={undoRef}
              type="button"
              onClick={undoRemove}
              className="rounded-full border border-brand-700 px-3 py-1 font-semibold text-brand-700 hover:bg-brand-50"
            >
              Undo
            </button>
            <button type="button" onClick={() => setRemoved(null)} aria-label="Dismiss" className="rounded-full px-2 py-1 text-stone-500 hover:bg-stone-100">
              ×
            </button>
          </span>
        </div>
      ) : null}

      {cart.heldUntil && visible.length > 0 ? <HoldCountdown heldUntil={cart.heldUntil} /> : null}

      <div role="alert" className="empty:hidden">
        {generalError ? <p className="mb-4 rounded-lg bg-red-50 px-4 py-3 text-sm text-red-800">{generalError}</p> : null}
      </div>

      {visible.length === 0 ? (
        <EmptyState title="Your cart is empty" action={{ href: "/products", label: "Browse the yarn" }}>
          Pick a colourway you love and it will wait for you here.
        </EmptyState>
      ) : (
        <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
          <ul aria-label="Items in your cart" className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {visible.map((item) => (
              <CartRow
                key={item.variantId}
                item={item}
                quantity={quantityOf(item)}
                currency={cart.currency}
                maxQuantity={cart.maxQuantityPerLine}
                lowStockThreshold={lowStockThreshold}
                error={lineErrors.get(item.variantId) ?? null}
                note={lineNotes.get(item.variantId) ?? null}
                onQuantity={(quantity) => changeQuantity(item, quantity)}
                onLowered={(wanted, quantity) =>
                  noteLine(item.variantId, loweredQuantityNotice(wanted, quantity, quantity >= cart.maxQuantityPerLine ? "limit" : "stock"))
                }
                onRemove={() => remove(item)}
              />
            ))}
          </ul>

          <section aria-labelledby="cart-summary" className="h-fit rounded-xl border border-stone-200 bg-white p-5 lg:sticky lg:top-20">
            <h2 id="cart-summary" className="font-serif text-xl font-semibold text-brand-900">
              Summary
            </h2>
            <dl className="mt-4 space-y-2 text-sm">
              <div className="flex justify-between">
                <dt className="text-stone-600">Items</dt>
                <dd className="tabular-nums">{count}</dd>
              </div>
              <div className="flex justify-between text-base font-semibold">
                <dt>Subtotal</dt>
                <dd className="tabular-nums" data-testid="cart-subtotal" aria-busy={isSaving}>
                  {formatMoney(subtotal, cart.currency)}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-xs text-stone-600">Shipping and any discount code are worked out at checkout.</p>
            {blockers.length > 0 ? (
              <>
                <p id="checkout-blocked" className="mt-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  Please fix the {blockers.length === 1 ? "item" : "items"} marked above before checking out.
                </p>
                <button
                  type="button"
                  disabled
                  aria-describedby="checkout-blocked"
                  className="mt-3 w-full cursor-not-allowed rounded-full bg-stone-300 px-5 py-3 font-semibold text-stone-600"
                >
                  Checkout
                </button>
              </>
            ) : (
              <Link
                href="/checkout"
                aria-disabled={isSaving}
                onClick={(event) => {
                  // Checking out while a change is still saving would start from the old cart.
                  if (isSaving) event.preventDefault();
                }}
                className={`mt-4 flex w-full items-center justify-center rounded-full px-5 py-3 font-semibold text-white shadow-sm ${
                  isSaving ? "cursor-wait bg-brand-600/70" : "bg-brand-700 hover:bg-brand-900"
                }`}
              >
                Checkout
              </Link>
            )}
            <CancellationNotice termsHref={termsHref} className="mt-3" />
            <Link href="/products" className="mt-3 block text-center text-sm font-medium text-brand-700 hover:underline">
              Continue shopping
            </Link>
          </section>
        </div>
      )}
    </div>
  );
}

type CartRowProps = {
  item: CartResponseItem;
  quantity: number;
  currency: string;
  /** The shop's per-item cap: checkout refuses a line above it. */
  maxQuantity: number;
  lowStockThreshold: number;
  error: string | null;
  /** Said after the page lowered the shopper's number, e.g. "Lowered from 5 to 2: that is all we have left." */
  note: string | null;
  onQuantity: (quantity: number) => void;
  onLowered: (wanted: number, quantity: number) => void;
  onRemove: () => void;
};

function CartRow({ item, quantity, currency, maxQuantity, lowStockThreshold, error, note, onQuantity, onLowered, onRemove }: CartRowProps) {
  const name = item.variantName ? `${item.productName}, ${item.variantName}` : item.productName;
  const shortStock = item.isPurchasable ? shortStockNotice(item, quantity) : null;
  const isOverLimit = item.isPurchasable && quantity > maxQuantity;
  const status = stockStatus(item.available, lowStockThreshold);
  return (
    <li className="flex gap-3 p-4 sm:gap-4" data-testid="cart-line" data-variant-id={item.variantId}>
      <Link href={`/products/${item.productSlug}?variant=${item.variantId}`} className="shrink-0" tabIndex={-1} aria-hidden="true">
        <ProductImage image={item.image} className="h-20 w-20 rounded-lg sm:h-24 sm:w-24" sizes="96px" />
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <h3 className="font-medium text-stone-900">
              <Link href={`/products/${item.productSlug}?variant=${item.variantId}`} className="hover:underline">
                {item.productName}
              </Link>
            </h3>
            {item.variantName ? <p className="text-sm text-stone-600">{item.variantName}</p> : null}
            <p className="text-sm text-stone-600">
              <Price amount={item.unitPrice} compareAt={item.compareAtPrice} currency={currency} /> <span className="text-stone-500">each</span>
            </p>
          </div>
          <p className="font-semibold tabular-nums" data-testid="cart-line-total">
            {item.isPurchasable ? formatMoney(item.unitPrice * quantity, currency) : "—"}
          </p>
        </div>

        {!item.isPurchasable ? (
          <p className="text-sm text-amber-900">This item is no longer for sale. Please remove it.</p>
        ) : isOverLimit ? (
          <p className="text-sm text-amber-900">You can buy at most {maxQuantity} of each item in one order. Please lower the quantity.</p>
        ) : shortStock ? (
          <p className="text-sm text-amber-900">{shortStock}</p>
        ) : status.state === "low" ? (
          <p className="text-sm text-amber-800">{status.label}</p>
        ) : null}

        <div className="flex flex-wrap items-end justify-between gap-3">
          {item.isPurchasable ? (
            <QuantityStepper
              id={`quantity-${item.variantId}`}
              label={`Quantity of ${name}`}
              hideLabel
              value={quantity}
              min={1}
              max={Math.max(1, Math.min(maxQuantity, Math.max(item.available, quantity)))}
              onChange={onQuantity}
              onLowered={onLowered}
              testId="cart-line-quantity"
            />
          ) : (
            <span />
          )}
          <button
            type="button"
            onClick={onRemove}
            className="rounded-full px-3 py-2 text-sm font-medium text-stone-700 underline-offset-2 hover:bg-stone-100 hover:underline"
            aria-label={`Remove ${name}`}
          >
            Remove
          </button>
        </div>
        <div role="status" className="empty:hidden">
          {note ? <p className="text-sm text-stone-700">{note}</p> : null}
        </div>
        <div role="alert" className="empty:hidden">
          {error ? <p className="text-sm text-red-800">{error}</p> : null}
        </div>
      </div>
    </li>
  );
}
