// The maintenance settings as the owner edits them: shop-time wall clocks, and whether the shop is closed right now.
import { utcToZonedWallTime } from "@/lib/shop-calendar";
import { maintenanceStateAt, type CachedMaintenanceSettings } from "./maintenance-state";
import { STORE_TIME_ZONE } from "@/lib/time";

export type MaintenanceView = {
  enabled: boolean;
  message: string;
  /** Shop time (Europe/London) as `YYYY-MM-DDTHH:mm`, the value of a datetime-local input. */
  window: { startsAt: string; endsAt: string } | null;
  /** The same window as UTC instants. */
  windowUtc: { startsAt: string; endsAt: string } | null;
  timeZone: string;
  /** Closed to shoppers at this moment, by the switch or by the window. */
  isClosedNow: boolean;
};

export function maintenanceViewOf(settings: CachedMaintenanceSettings, now: Date = new Date()): MaintenanceView {
  const { maintenanceStartsAt: startsAt, maintenanceEndsAt: endsAt } = settings;
  const hasWindow = Boolean(startsAt && endsAt);
  return {
    enabled: settings.maintenanceMode,
    message: settings.maintenanceMessage,
    window: hasWindow ? { startsAt: utcToZonedWallTime(new Date(startsAt!)), endsAt: utcToZonedWallTime(new Date(endsAt!)) } : null,
    windowUtc: hasWindow ? { startsAt: startsAt!, endsAt: endsAt! } : null,
    timeZone: STORE_TIME_ZONE,
    isClosedNow: maintenanceStateAt(settings, now).active,
  };
}
