// The owner's daily digest: read what is low and what is waiting, render it, and queue it at most once per shop day.
import { and, count, eq, gte, notInArray, sql } from "drizzle-orm";
import { db, writeTransaction, type DbOrTx } from "@/lib/db";
import { disputes, emailOutbox, orders, type DisputeStatus } from "@/lib/db/schema";
import { renderDailyDigest, type DailyDigest } from "@/lib/email/daily-digest";
import { ERASED_BEFORE_SENDING } from "@/lib/email/outbox-status";
import { queueEmail } from "@/lib/email/queue-email";
import { env } from "@/lib/env";
import { listInventory } from "@/lib/inventory/list-inventory";
import { getSettings, type Settings } from "@/lib/settings";
import { shopDayOf } from "@/lib/shop-calendar";
import { isoAfter } from "@/lib/time";
import { ownerAlertAddress } from "./queue-owner-alert";

/** A dispute in one of these is over; any other status still needs (or may need) the owner. */
const CLOSED_DISPUTE_STATUSES: DisputeStatus[] = ["won", "lost", "warning_closed", "prevented"];

/** Failed emails are counted for a week: long enough to be seen, and a digest does not nag forever about one the owner chose to leave. */
const FAILED_EMAIL_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** One digest per shop day: the outbox's unique key makes every later call that day a no-op. */
export function dailyDigestKey(day: string): string {
  return `daily_digest/${day}`;
}

export type DailyDigestOutcome =
  | { queued: true; day: string }
  | { queued: false; day: string; reason: "switched_off" | "already_queued" | "nothing_to_report" };

const adminUrl = (path: string) => new URL(path, env().APP_URL).toString();

/** What the digest says, read outside any transaction: active colourways at or below the threshold, and the counts. */
export async function readDailyDigest(reader: DbOrTx, settings: Settings, now: Date): Promise<DailyDigest> {
  const day = shopDayOf(now);
  const [inventory, [held], [disputed], [failed]] = await Promise.all([
    listInventory(reader, { stock: "low", sort: "available", pageSize: 1000 }, { lowStockThreshold: settings.lowStockThreshold }),
    reader.select({ count: count() }).from(orders).where(eq(orders.status, "on_hold")),
    reader.select({ count: count() }).from(disputes).where(notInArray(disputes.status, CLOSED_DISPUTE_STATUSES)),
    reader
      .select({ count: count() })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "failed"), gte(emailOutbox.updatedAt, isoAfter(-FAILED_EMAIL_WINDOW_MS, now)), sql`coalesce(${emailOutbox.lastError}, '') <> ${ERASED_BEFORE_SENDING}`)),
  ]);
  return {
    day,
    lowStockThreshold: settings.lowStockThreshold,
    lowStock: inventory.rows
      .filter((row) => row.productStatus === "active")
      .map((row) => ({ productName: row.productName, variantName: row.variantName, sku: row.sku, available: row.available })),
    lowStockUrl: adminUrl("/admin/inventory?stock=low"),
    waiting: [
      { label: "Orders on hold", count: held?.count ?? 0, url: adminUrl("/admin/orders?status=on_hold") },
      // A disputed order is held (its hold reason says so), so the held orders are where disputes are answered.
      { label: "Open disputes", count: disputed?.count ?? 0, url: adminUrl("/admin/orders?status=on_hold") },
      { label: "Emails that failed this week", count: failed?.count ?? 0, url: adminUrl("/admin/emails?status=failed") },
    ],
  };
}

function isEmpty(digest: DailyDigest): boolean {
  return digest.lowStock.length === 0 && digest.waiting.every((item) => item.count === 0);
}

/**
 * Called by the daily cron, however often: the day is London's (lib/shop-calendar.ts), and the
 * outbox's unique key `daily_digest/<day>` keeps it to one digest that day even when two calls
 * race past the quick check. Nothing low and nothing waiting sends nothing that day.
 */
export async function queueDailyDigest(now: Date = new Date()): Promise<DailyDigestOutcome> {
  const day = shopDayOf(now);
  const reader = await db();
  const settings = await getSettings(reader);
  if (!settings.alertLowStockDigest) return { queued: false, day, reason: "switched_off" };
  const key = dailyDigestKey(day);
  const [existing] = await reader.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));
  if (existing) return { queued: false, day, reason: "already_queued" };
  const digest = await readDailyDigest(reader, settings, now);
  if (isEmpty(digest)) return { queued: false, day, reason: "nothing_to_report" };
  const email = await renderDailyDigest(settings, digest);
  const { queued } = await writeTransaction((tx) =>
    queueEmail(tx, { orderId: null, kind: "daily_digest", to: ownerAlertAddress(settings), email, actor: "system", idempotencyKey: key }),
  );
  return queued ? { queued: true, day } : { queued: false, day, reason: "already_queued" };
}
