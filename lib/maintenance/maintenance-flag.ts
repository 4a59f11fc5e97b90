// The maintenance settings as every request sees them: read from the database at most once per 5 seconds.
import { db } from "@/lib/db";
import { outsideRequestWork } from "@/lib/db/client";
import { getSettings } from "@/lib/settings";
import { maintenanceStateAt, type CachedMaintenanceSettings, type MaintenanceState } from "./maintenance-state";

/**
 * Every storefront request asks whether the shop is closed, and most of them would otherwise cost a
 * database read (a network round trip on Turso). Each instance keeps the settings for at most this
 * long, so a change reaches every instance within 5 seconds. The settings are cached, not the
 * answer: a scheduled window opens and closes on the exact millisecond whatever the cache's age.
 */
export const MAINTENANCE_CACHE_MS = 5_000;

type Cached = { settings: CachedMaintenanceSettings; readAt: number };

let cached: Cached | undefined;
let reading: Promise<CachedMaintenanceSettings> | undefined;
let reads = 0;

async function readSettings(): Promise<CachedMaintenanceSettings> {
  reads += 1;
  const settings = await getSettings(await db());
  return {
    maintenanceMode: settings.maintenanceMode,
    maintenanceMessage: settings.maintenanceMessage,
    maintenanceStartsAt: settings.maintenanceStartsAt,
    maintenanceEndsAt: settings.maintenanceEndsAt,
    storeName: settings.storeName,
    supportEmail: settings.supportEmail,
  };
}

/** The settings, from the cache while it is fresh; concurrent requests share one read. */
export async function getMaintenanceSettings(now: number = Date.now()): Promise<CachedMaintenanceSettings> {
  if (cached && now - cached.readAt < MAINTENANCE_CACHE_MS && now >= cached.readAt) return cached.settings;
  reading ??= outsideRequestWork(readSettings)
    .then((settings) => {
      cached = { settings, readAt: now };
      return settings;
    })
    .catch((error: unknown) => {
      // A database that cannot answer must not close the shop by itself: keep what was known last.
      console.error("[maintenance] could not read the maintenance settings", error);
      if (cached) return cached.settings;
      throw error;
    })
    .finally(() => {
      reading = undefined;
    });
  return reading;
}

export async function getMaintenanceState(now: Date = new Date()): Promise<MaintenanceState> {
  return maintenanceStateAt(await getMaintenanceSettings(now.getTime()), now);
}

/** Called after the owner saves, so the instance that took the change applies it at once. */
export function forgetMaintenanceSettings(): void {
  cached = undefined;
}

/** How many times this instance read the settings from the database (tests prove the cache holds). */
export function maintenanceSettingsReads(): number {
  return reads;
}
