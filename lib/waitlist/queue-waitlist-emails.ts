// Notify-me: emails to the knitters waiting for a colourway that can be bought again, never more than its free units allow.
import { and, asc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { inventoryAdjustments, products, productVariants, waitlistSignups } from "@/lib/db/schema";
import { queueEmail } from "@/lib/email/queue-email";
import type { RenderedEmail } from "@/lib/email/render-email";
import { withUnsubscribeUrl } from "@/lib/email/waitlist-unsubscribe-slot";
import { reservedStock } from "@/lib/inventory/availability";
import { getSettings } from "@/lib/settings";
import { governingUpdates } from "@/lib/updates/variant-updates";
import { waitlistEmailKey, waitlistUnsubscribeToken, waitlistUnsubscribeUrl } from "@/lib/email/waitlist-unsubscribe-token";

export type WaitlistEmailKind = "back_in_stock" | "update_live";

/** A colourway with waiting sign-ups that a shopper can buy now, and how many of them may be told. */
export type WaitlistDue = {
  variantId: number;
  kind: WaitlistEmailKind;
  productName: string;
  variantName: string;
  productSlug: string;
  /** The live update it is sold in (update_live), else null. */
  updateName: string | null;
  free: number;
  /** Sign-ups still to notify in this run of availability: free × factor, less those already told. */
  budget: number;
};

/** One pass queues at most this many; what is left is due on the next pass, in the same order. */
const MAX_EMAILS_PER_PASS = 500;

const waitingSignUp = and(isNull(waitlistSignups.notifiedAt), isNull(waitlistSignups.unsubscribedAt));

/**
 * The colourways due now, read the same way before the transaction (to render their emails) and
 * inside it (to queue them). Free stock is stock less live holds (the one reading of "reserved").
 * A run of availability starts at the variant's last ledger row into or out of zero stock (a
 * sell-out, a restock from nothing): the sign-ups notified since then count against this run's
 * bound, so a restock of 2 with factor 3 tells 6 knitters however many passes run, and the next
 * sell-out and restock start a new run. A hold that lapses opens no new run (holds are not in the
 * ledger): it can only reach those the run's bound had not yet reached. A variant of an update that
 * is not live yet waits for it; at live the update's bound counts from its live time.
 */
export async function waitlistDue(db: DbOrTx, params: { now: string; factor: number }): Promise<WaitlistDue[]> {
  const { now, factor } = params;
  const reserved = reservedStock(db, { now });
  // Correlated subqueries spelled out in SQL: drizzle leaves a one-table subquery's columns unqualified.
  const runStart = sql<string | null>`(SELECT max(a.created_at) FROM ${inventoryAdjustments} a WHERE a.variant_id = ${productVariants.id} AND (a.stock_before = 0 OR a.stock_after = 0))`;
  const hasWaiting = sql`EXISTS (SELECT 1 FROM ${waitlistSignups} w WHERE w.variant_id = ${productVariants.id} AND w.notified_at IS NULL AND w.unsubscribed_at IS NULL)`;
  const rows = await db
    .select({
      variantId: productVariants.id,
      variantName: productVariants.name,
      productName: products.name,
      productSlug: products.slug,
      stock: productVariants.stock,
      reserved: sql<number>`coalesce(${reserved.quantity}, 0)`,
      runStart,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(reserved, sql`${reserved.variantId} = ${productVariants.id}`)
    .where(
      and(
        eq(products.status, "active"),
        eq(productVariants.isActive, true),
        gt(productVariants.stock, 0),
        hasWaiting,
      ),
    )
    .orderBy(asc(productVariants.id));
  const buyable = rows.filter((row) => row.stock - Number(row.reserved) > 0);
  if (buyable.length === 0) return [];
  const updates = await governingUpdates(db, buyable.map((row) => row.variantId), now);
  const due: WaitlistDue[] = [];
  for (const row of buyable) {
    const update = updates.get(row.variantId);
    if (update && update.state !== "live") continue;
    const since = [row.runStart, update?.liveAt].filter((at): at is string => typeof at === "string").sort().pop() ?? "";
    const [told] = await db
      .select({ count: sql<number>`count(*)` })
      .from(waitlistSignups)
      // At or after: a notification in the very millisecond of a sell-out counts against the new run (fewer emails, never more).
      .where(and(eq(waitlistSignups.variantId, row.variantId), gte(waitlistSignups.notifiedAt, since)));
    const free = row.stock - Number(row.reserved);
    const budget = free * factor - Number(told?.count ?? 0);
    if (budget <= 0) continue;
    due.push({
      variantId: row.variantId,
      kind: update ? "update_live" : "back_in_stock",
      productName: row.productName,
      variantName: row.variantName,
      productSlug: row.productSlug,
      updateName: update?.name ?? null,
      free,
      budget,
    });
  }
  return due;
}

/** The key of one rendered email: the same colourway may be due as either kind between two reads. */
export const templateKey = (due: Pick<WaitlistDue, "variantId" | "kind">) => `${due.kind}/${due.variantId}`;

/**
 * Inside the caller's transaction: for every colourway due, the next waiting sign-ups in sign-up
 * order up to its bound get one outbox row each (keyed by the sign-up, so never twice) and their
 * `notified_at`, together: the email is queued exactly when the sign-up says it was. `templates`
 * are the emails rendered before the transaction; a colourway that became due since has none and
 * waits for the next pass. Nothing is queued without a secret to sign the unsubscribe link with.
 */
export async function queueWaitlistEmails(
  tx: Tx,
  params: { now: string; templates: ReadonlyMap<string, RenderedEmail> },
): Promise<{ queued: number }> {
  if (waitlistUnsubscribeToken(0) === null) return { queued: 0 };
  const { waitlistFactor } = await getSettings(tx);
  let room = MAX_EMAILS_PER_PASS;
  let queued = 0;
  for (const due of await waitlistDue(tx, { now: params.now, factor: waitlistFactor })) {
    const template = params.templates.get(templateKey(due));
    if (!template || room === 0) continue;
    const signups = await tx
      .select({ id: waitlistSignups.id, email: waitlistSignups.email })
      .from(waitlistSignups)
      .where(and(eq(waitlistSignups.variantId, due.variantId), waitingSignUp))
      .orderBy(asc(waitlistSignups.id))
      .limit(Math.min(due.budget, room));
    for (const signup of signups) {
      const url = waitlistUnsubscribeUrl(waitlistUnsubscribeToken(signup.id)!);
      await queueEmail(tx, {
        orderId: null,
        kind: due.kind,
        to: signup.email,
        email: withUnsubscribeUrl(template, url),
        idempotencyKey: waitlistEmailKey(signup.id),
      });
    }
    if (signups.length > 0) {
      await tx
        .update(waitlistSignups)
        .set({ notifiedAt: params.now })
        .where(inArray(waitlistSignups.id, signups.map((signup) => signup.id)));
    }
    room -= signups.length;
    queued += signups.length;
  }
  return { queued };
}
