// The owner is told: an alert email through the outbox, in the transaction of the change it reports, once per subject.
import type { Tx } from "@/lib/db";
import { queueEmail } from "@/lib/email/queue-email";
import type { RenderedEmail } from "@/lib/email/render-email";
import { getSettings, type Settings } from "@/lib/settings";

/** Each alert and the switch that turns it off; null: always sent (money is leaving or at risk). */
export const OWNER_ALERTS = {
  dispute_opened: null,
  refund_failed: null,
  order_on_hold: "alertOnHold",
  new_paid_order: "alertNewOrder",
  email_failed: "alertEmailFailed",
} as const satisfies Record<string, keyof Settings | null>;

export type OwnerAlertKind = keyof typeof OWNER_ALERTS;

export type OwnerAlert = {
  kind: OwnerAlertKind;
  /** What the alert is about, unique within its kind (a dispute id, a refund id, an order id and its hold): it is sent once. */
  subject: string;
  orderId: number | null;
  /** Rendered before the transaction (lib/email/owner-alert.tsx renderOwnerAlert). */
  email: RenderedEmail;
};

export function ownerAlertKey(kind: OwnerAlertKind, subject: string): string {
  return `owner_alert/${kind}/${subject}`;
}

/** Where alerts go: the owner's notification address, or the support address when none is set. */
export function ownerAlertAddress(settings: Pick<Settings, "alertEmail" | "supportEmail">): string {
  return settings.alertEmail ?? settings.supportEmail;
}

/**
 * Queued in the caller's transaction, so an alert exists exactly when the change it reports
 * committed; the settings are read in the same transaction, so a switch turned off is honoured at
 * once. A second alert for the same kind and subject queues nothing (`queued: false`).
 */
export async function queueOwnerAlert(tx: Tx, alert: OwnerAlert): Promise<{ queued: boolean }> {
  const settings = await getSettings(tx);
  const setting = OWNER_ALERTS[alert.kind];
  if (setting !== null && !settings[setting]) return { queued: false };
  const { queued } = await queueEmail(tx, {
    orderId: alert.orderId,
    kind: "owner_alert",
    to: ownerAlertAddress(settings),
    email: alert.email,
    actor: "system",
    idempotencyKey: ownerAlertKey(alert.kind, alert.subject),
  });
  return { queued };
}
