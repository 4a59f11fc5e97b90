// The demo shop's funnel around its orders: a storefront visit count per shop day, and the checkouts behind them.
import type { CheckoutLineSnapshot, QuotedShippingOption, StoredCheckoutQuote } from "@/lib/db/schema";
import { countryName } from "@/lib/shipping/country-name";
import { addDays, shopDayOf, startOfShopDay } from "@/lib/shop-calendar";
import type { Random } from "./create-random";

/** Payment pages stay open this long, as a real checkout's do (longer than Stripe's 30-minute minimum). */
const PAYMENT_WINDOW_MS = 35 * 60_000;
/** A day's visits are its orders ÷ a rate between these: a small shop's usual 2–5 %. */
const CONVERSION_RANGE = [0.02, 0.05] as const;
/** Even a day without orders has people looking. */
const MINIMUM_DAILY_VISITS = 25;
/** Checkouts left unpaid per paid one: most carts that reach the payment page are never paid. */
const ABANDONED_PER_ORDER = 0.7;

export type FunnelOrder = {
  seq: number;
  createdAt: string;
  email: string;
  country: string;
  zoneName: string;
  lines: CheckoutLineSnapshot[];
  subtotal: number;
  discount: StoredCheckoutQuote["discount"];
  shipping: QuotedShippingOption;
  total: number;
};

export type DemoCheckoutRow = {
  id: string;
  cartId: string;
  status: "completed" | "expired" | "failed";
  email: string | null;
  country: string;
  discountCodeId: number | null;
  lines: CheckoutLineSnapshot[];
  quote: StoredCheckoutQuote;
  currency: string;
  subtotal: number;
  discountTotal: number;
  paymentProvider: "stripe";
  paymentSessionId: string;
  failureReason: string | null;
  expiresAt: string;
  createdAt: string;
  updatedAt: string;
};

/** The id of the completed checkout an order was paid through. */
const demoCheckoutId = (seq: number) => `chk_demo_${seq}`;

function checkoutOf(order: FunnelOrder, currency: string, id: string, status: DemoCheckoutRow["status"], startedAt: Date): DemoCheckoutRow {
  const expiresAt = new Date(startedAt.getTime() + PAYMENT_WINDOW_MS).toISOString();
  const itemCount = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const weightGrams = order.lines.reduce((sum, line) => sum + line.weightGrams * line.quantity, 0);
  return {
    id,
    cartId: `cart_${id}`,
    status,
    email: status === "expired" ? null : order.email,
    country: order.country,
    discountCodeId: order.discount?.discountCodeId ?? null,
    lines: order.lines,
    quote: {
      country: order.country,
      countryName: countryName(order.country),
      zoneName: order.zoneName,
      currency,
      itemCount,
      weightGrams,
      subtotal: order.subtotal,
      discount: order.discount,
      shippingOptions: [order.shipping],
      shipping: order.shipping.amount,
      total: order.total,
      paymentExpiresAt: expiresAt,
    },
    currency,
    subtotal: order.subtotal,
    discountTotal: order.discount?.amount ?? 0,
    paymentProvider: "stripe",
    // The paid checkout's session is the one its order records (orders.payment_session_id).
    paymentSessionId: status === "completed" ? `cs_demo_${order.seq}` : `cs_demo_${id}`,
    failureReason: status === "failed" ? "Your card was declined." : null,
    expiresAt,
    createdAt: startedAt.toISOString(),
    updatedAt: (status === "completed" ? new Date(order.createdAt) : new Date(startedAt.getTime() + PAYMENT_WINDOW_MS)).toISOString(),
  };
}

/**
 * One completed checkout a few minutes before each order, some unpaid ones shaped like real orders
 * (the basket of the order they are modelled on, on another day), and a day-by-day visit count
 * that puts each day's conversion between 2 and 5 %. Nothing is left open: every unpaid checkout
 * ended before `anchor`.
 */
export function planDemoFunnel(orders: readonly FunnelOrder[], { anchor, currency, random }: { anchor: Date; currency: string; random: Random }) {
  const checkouts: DemoCheckoutRow[] = orders.map((order) =>
    checkoutOf(order, currency, demoCheckoutId(order.seq), "completed", new Date(Date.parse(order.createdAt) - random.int(3, 12) * 60_000)),
  );
  for (const [index, order] of orders.entries()) {
    if (!random.chance(ABANDONED_PER_ORDER)) continue;
    const startedAt = new Date(Date.parse(order.createdAt) - random.int(1, 72) * 60 * 60_000);
    if (startedAt.getTime() + PAYMENT_WINDOW_MS > anchor.getTime()) continue;
    const status = random.chance(0.1) ? "failed" : "expired";
    checkouts.push(checkoutOf(order, currency, `chk_demo_unpaid_${index}`, status, startedAt));
  }
  checkouts.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));

  const ordersPerDay = new Map<string, number>();
  for (const order of orders) {
    const day = shopDayOf(new Date(order.createdAt));
    ordersPerDay.set(day, (ordersPerDay.get(day) ?? 0) + 1);
  }
  const sessions: { sessionId: string; day: string; createdAt: string }[] = [];
  const lastDay = shopDayOf(anchor);
  const firstDay = orders.length > 0 ? shopDayOf(new Date(orders[0]!.createdAt)) : lastDay;
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    const rate = CONVERSION_RANGE[0] + random.next() * (CONVERSION_RANGE[1] - CONVERSION_RANGE[0]);
    const visits = Math.max(MINIMUM_DAILY_VISITS, Math.round((ordersPerDay.get(day) ?? 0) / rate));
    const opens = startOfShopDay(day).getTime();
    for (let visit = 0; visit < visits; visit += 1) {
      const at = Math.min(opens + random.int(0, 23 * 60) * 60_000, anchor.getTime());
      sessions.push({ sessionId: random.hex(32), day, createdAt: new Date(at).toISOString() });
    }
  }
  return { checkouts, sessions };
}
