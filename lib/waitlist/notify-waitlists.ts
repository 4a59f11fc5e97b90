// One notify-me pass: render the emails of the colourways due, then queue them with their sign-ups in one transaction.
import { db, writeTransaction } from "@/lib/db";
import { renderBackInStock } from "@/lib/email/back-in-stock";
import type { RenderedEmail } from "@/lib/email/render-email";
import { renderUpdateLive } from "@/lib/email/update-live";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import { queueWaitlistEmails, templateKey, waitlistDue, type WaitlistDue } from "./queue-waitlist-emails";

function productUrl(slug: string): string {
  return new URL(`/products/${encodeURIComponent(slug)}`, env().APP_URL).toString();
}

/**
 * Stock comes back in many ways (a restock, a cancellation that restocks, a return, a hold that
 * lapses) and an update goes live by the clock alone, so rather than a hook in each of those
 * domains' transactions (every one of them sits below lib/email, which this needs, so the imports
 * would run in a circle) one pass looks at what is buyable now: the cleanup cron runs it, and so
 * does the admin's stock change as soon as it has committed. The read here only decides what to
 * render; queueWaitlistEmails reads again under the writer lock and decides what is sent.
 */
export async function notifyWaitlists(now: string = nowIso()): Promise<{ queued: number }> {
  const reader = await db();
  const settings = await getSettings(reader);
  const due = await waitlistDue(reader, { now, factor: settings.waitlistFactor });
  if (due.length === 0) return { queued: 0 };
  const templates = new Map<string, RenderedEmail>();
  for (const colourway of due) templates.set(templateKey(colourway), await renderWaitlistEmail(settings, colourway));
  return writeTransaction((tx) => queueWaitlistEmails(tx, { now, templates }));
}

function renderWaitlistEmail(settings: Awaited<ReturnType<typeof getSettings>>, due: WaitlistDue): Promise<RenderedEmail> {
  const colourway = { productName: due.productName, variantName: due.variantName, productUrl: productUrl(due.productSlug) };
  return due.kind === "update_live" && due.updateName
    ? renderUpdateLive(settings, { ...colourway, updateName: due.updateName })
    : renderBackInStock(settings, colourway);
}
