// A shop update's short hold ending while its payment session still takes payment: close the session and free the stock.
import { and, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { PAYMENT_SESSION_TTL_MS } from "./checkout-expiry";
import { expireReservations } from "./expire-reservations";

/** Enough for any one minute of a drop; the rest are found by the next checkout or the cleanup. */
const MAX_SESSIONS_PER_PASS = 25;

/**
 * A shop update holds stock for its holdMinutes, but a payment session lives its provider's minimum
 * (Stripe: 30 minutes), so a hold can end while its session is still open. Run where a checkout
 * needs stock, no cron: one read finds open checkouts whose hold has ended and whose session still
 * takes payment (the stored quote's paymentExpiresAt is later); if there are any, they are marked
 * expired and their holds deleted (expireReservations, one write transaction), then — outside it —
 * each session is expired through the provider, so the lapsed shopper cannot pay for stock the next
 * shopper now holds. Availability already ignored the lapsed holds, so the stock was free at once;
 * a payment that slips in before the provider hears is handled as any late payment (on hold, never
 * oversold). Failures are logged: the shopper starting a checkout is not refused for them.
 */
export async function releaseLapsedHolds(params: { provider: PaymentProvider; now: string }): Promise<number> {
  const { provider, now } = params;
  const reader = await db();
  // A session still taking payment was opened less than its lifetime ago, and so was its hold: the
  // index range stops there instead of running over every open checkout that lapsed since the last
  // daily cleanup (a day of abandoned checkouts, each with a JSON quote to read).
  const oldestPossible = new Date(Date.parse(now) - 2 * PAYMENT_SESSION_TTL_MS).toISOString();
  const lapsed = await reader
    .select({ id: checkouts.id, paymentSessionId: checkouts.paymentSessionId })
    .from(checkouts)
    .where(
      and(
        eq(checkouts.status, "open"),
        lte(checkouts.expiresAt, now),
        gt(checkouts.expiresAt, oldestPossible),
        isNotNull(checkouts.paymentSessionId),
        eq(checkouts.paymentProvider, provider.name),
        sql`json_extract(${checkouts.quote}, '$.paymentExpiresAt') > ${now}`,
      ),
    )
    .limit(MAX_SESSIONS_PER_PASS);
  if (lapsed.length === 0) return 0;
  try {
    await expireReservations(now);
  } catch (error) {
    console.warn("[checkout] could not expire lapsed holds", error);
    return 0;
  }
  await Promise.all(
    lapsed.map(({ id, paymentSessionId }) =>
      provider.expireSession(paymentSessionId!).catch((error: unknown) => {
        console.warn(`[checkout] could not expire the session ${paymentSessionId} of ${id} after its hold ended`, error);
      }),
    ),
  );
  return lapsed.length;
}
