// The owner is told when an email is given up: one alert per outbox row, rendered before the transaction that fails the row.
import type { DbOrTx, Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { FailedEmail } from "@/lib/email/outbox-status";
import { renderOwnerAlertWith } from "@/lib/email/owner-alert";
import { emailKindLabel } from "@/lib/email/queue-email";
import type { RenderedEmail } from "@/lib/email/render-email";
import { getSettings } from "@/lib/settings";
import { queueOwnerAlert } from "./queue-owner-alert";

/** Mail to the owner about the shop is never itself alerted: a failing owner address would alert itself forever. */
const UNALERTED_KINDS: ReadonlySet<string> = new Set(["owner_alert", "daily_digest"]);

export function isAlertedWhenFailed(email: Pick<FailedEmail, "kind">): boolean {
  return !UNALERTED_KINDS.has(email.kind);
}

/** The alerts rendered, by outbox id. */
export type PreparedFailedEmailAlerts = ReadonlyMap<number, RenderedEmail>;

/**
 * Renders, before the write lock, the alert for each email that may be given up in the next
 * transaction (the drain knows which from its send results, or from the exhausted rows it read).
 * Nothing when the owner switched these alerts off (queueOwnerAlert checks again under the lock).
 */
export async function prepareFailedEmailAlerts(reader: DbOrTx, emails: readonly FailedEmail[]): Promise<PreparedFailedEmailAlerts> {
  const alerted = emails.filter(isAlertedWhenFailed);
  if (alerted.length === 0) return new Map();
  const settings = await getSettings(reader);
  if (!settings.alertEmailFailed) return new Map();
  const rendered = await Promise.all(
    alerted.map(async (email) => {
      const label = emailKindLabel(email.kind);
      const attempts = `${email.attempts} attempt${email.attempts === 1 ? "" : "s"}`;
      return [
        email.id,
        await renderOwnerAlertWith(settings, {
          subject: `an email could not be delivered (#${email.id})`,
          heading: "An email could not be delivered",
          paragraphs: [
            `The ${label.toLowerCase()} email #${email.id} failed after ${attempts} and will not be tried again on its own.`,
            "Its page says what the mail provider answered. Correct what is wrong, then use “Retry now” there.",
          ],
          action: { label: "Open the email", url: new URL(`/admin/emails/${email.id}`, env().APP_URL).toString() },
        }),
      ] as const;
    }),
  );
  return new Map(rendered);
}

/**
 * Queues the alert for each email the transaction actually gave up, once per outbox row (its id is
 * the alert's subject). A failure with no rendering (a row that failed between the read and the
 * lock, which the drain's design leaves for the next drain) queues nothing rather than render under the lock.
 */
export async function queueFailedEmailAlerts(tx: Tx, prepared: PreparedFailedEmailAlerts, failed: readonly FailedEmail[]): Promise<number> {
  let queued = 0;
  for (const email of failed) {
    const rendered = prepared.get(email.id);
    if (!rendered || !isAlertedWhenFailed(email)) continue;
    const result = await queueOwnerAlert(tx, { kind: "email_failed", subject: String(email.id), orderId: email.orderId, email: rendered });
    if (result.queued) queued += 1;
  }
  return queued;
}
