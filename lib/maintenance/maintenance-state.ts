// Whether the storefront is closed at a given moment: the owner's switch, or inside a scheduled window.
import type { Settings } from "@/lib/settings";

export type MaintenanceSettings = Pick<Settings, "maintenanceMode" | "maintenanceMessage" | "maintenanceStartsAt" | "maintenanceEndsAt">;

/** What the flag's cache keeps: the maintenance keys, and what the back-soon page shows besides the message. */
export type CachedMaintenanceSettings = MaintenanceSettings & Pick<Settings, "storeName" | "supportEmail">;

export type MaintenanceState =
  | { active: false }
  | {
      active: true;
      reason: "switched_on" | "scheduled";
      message: string;
      storeName: string;
      supportEmail: string;
      /** When a scheduled window ends, if it does: the 503's Retry-After counts down to it. */
      endsAt: string | null;
    };

/** Retry-After when nobody can say when the shop reopens: shoppers' browsers and crawlers come back in 5 minutes. */
export const DEFAULT_RETRY_AFTER_SECONDS = 300;

/** Inside the window means start ≤ now < end: on at the first millisecond of the start, off at the end. */
export function isInsideWindow(settings: MaintenanceSettings, now: Date): boolean {
  const { maintenanceStartsAt: startsAt, maintenanceEndsAt: endsAt } = settings;
  if (!startsAt || !endsAt) return false;
  const at = now.getTime();
  return Date.parse(startsAt) <= at && at < Date.parse(endsAt);
}

export function maintenanceStateAt(settings: CachedMaintenanceSettings, now: Date): MaintenanceState {
  const shown = { message: settings.maintenanceMessage, storeName: settings.storeName, supportEmail: settings.supportEmail };
  if (isInsideWindow(settings, now)) return { active: true, reason: "scheduled", ...shown, endsAt: settings.maintenanceEndsAt };
  if (settings.maintenanceMode) return { active: true, reason: "switched_on", ...shown, endsAt: null };
  return { active: false };
}

export function retryAfterSeconds(state: MaintenanceState, now: Date): number {
  if (!state.active || !state.endsAt) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(1, Math.ceil((Date.parse(state.endsAt) - now.getTime()) / 1000));
}
