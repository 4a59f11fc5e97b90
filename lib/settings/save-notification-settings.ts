// The owner's notification settings (where alerts go, and which are sent) and their writer.
import { z } from "zod";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { getSettings, saveSettings, type Settings } from "./index";

/**
 * What the Notifications form sends: every switch, the address (empty: alerts go to the support
 * address), and how many waiting knitters one free skein emails. Dispute and failed-refund alerts have no switch: money is leaving or at risk.
 */
export const notificationSettingsInput = z.strictObject({
  alertEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Use 254 characters or fewer.")
    .pipe(z.union([z.literal(""), z.email("Enter an email address, or leave it empty to use the support address.")]))
    .transform((address) => (address === "" ? null : address)),
  alertOnHold: z.boolean(),
  alertNewOrder: z.boolean(),
  alertEmailFailed: z.boolean(),
  alertLowStockDigest: z.boolean(),
  /** Notify-me emails per free unit when a colourway comes back; absent leaves it as it is. */
  waitlistFactor: z.number().int("Use a whole number.").min(1, "Use a number from 1 to 20.").max(20, "Use a number from 1 to 20.").optional(),
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsInput>;

const NOTIFICATION_KEYS = Object.keys(notificationSettingsInput.shape) as (keyof NotificationSettingsInput)[];

export type NotificationSettings = Pick<Settings, keyof NotificationSettingsInput>;

export function notificationSettingsOf(settings: Settings): NotificationSettings {
  return Object.fromEntries(NOTIFICATION_KEYS.map((key) => [key, settings[key]])) as NotificationSettings;
}

/** Saves them with one audit row naming what changed, in one transaction. */
export async function saveNotificationSettings(input: NotificationSettingsInput, actor: string): Promise<NotificationSettings> {
  return revalidateAfter([CACHE_TAGS.settings], writeTransaction(async (tx) => {
    const before = await getSettings(tx);
    const after = await saveSettings(tx, input);
    const changed = NOTIFICATION_KEYS.filter((key) => before[key] !== after[key]);
    await recordAudit(tx, {
      actor,
      action: "settings.notifications_updated",
      entityType: "settings",
      entityId: "notifications",
      data: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
    });
    return notificationSettingsOf(after);
  }));
}
