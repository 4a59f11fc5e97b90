// The owner's change to maintenance mode: the switch, the message and the scheduled window, with its audit row.
import { z } from "zod";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { zonedTimeToUtc } from "@/lib/shop-calendar";
import { shopDayProblem } from "@/lib/shop-day-input";
import { recordAudit } from "@/lib/audit/record-audit";
import { writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { getSettings, saveSettings } from "@/lib/settings";
import { maintenanceViewOf, type MaintenanceView } from "./maintenance-view";

const WALL_TIME = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})$/;
/** Shop time as a datetime-local input writes it; its day is a shop day like every other date the shop accepts. */
const shopWallTime = z.string().superRefine((value, context) => {
  const match = WALL_TIME.exec(value);
  if (!match) return context.addIssue({ code: "custom", message: "must be a date and time, YYYY-MM-DDTHH:mm" });
  const dayProblem = shopDayProblem(match[1]);
  if (dayProblem) context.addIssue({ code: "custom", message: `its date ${dayProblem}` });
  else if (Number(match[2]) > 23 || Number(match[3]) > 59) context.addIssue({ code: "custom", message: "is not a real time of day" });
});

/** Window times are shop time (Europe/London), as the owner types them; they are stored as UTC instants. */
export const maintenanceSettingsInput = z
  .object({
    enabled: z.boolean(),
    message: z.string().trim().min(1, "Write a message for shoppers.").max(500, "Keep the message under 500 characters."),
    window: z.object({ startsAt: shopWallTime, endsAt: shopWallTime }).strict().nullable(),
  })
  .strict();
export type MaintenanceSettingsInput = z.infer<typeof maintenanceSettingsInput>;

const toUtc = (wallTime: string) => {
  const [, day, hours, minutes] = WALL_TIME.exec(wallTime)!;
  return zonedTimeToUtc(day!, `${hours}:${minutes}`).toISOString();
};

/** Refusals name the field, so the form can put the message beside it. */
function refuse(path: string, message: string): never {
  throw new AppError("unprocessable", message, [{ path, message }]);
}

export async function updateMaintenanceSettings({ actor, input, now = new Date() }: { actor: string; input: MaintenanceSettingsInput; now?: Date },
): Promise<MaintenanceView> {
  return revalidateAfter([CACHE_TAGS.settings], writeTransaction(async (tx) => {
    let startsAt: string | null = null;
    let endsAt: string | null = null;
    if (input.window) {
      startsAt = toUtc(input.window.startsAt);
      endsAt = toUtc(input.window.endsAt);
      if (endsAt <= startsAt) refuse("window.endsAt", "The window must end after it starts.");
      if (endsAt <= now.toISOString()) refuse("window.endsAt", "This window has already ended.");
    }
    const before = await getSettings(tx);
    const after = await saveSettings(tx, {
      maintenanceMode: input.enabled,
      maintenanceMessage: input.message,
      maintenanceStartsAt: startsAt,
      maintenanceEndsAt: endsAt,
    });
    const pick = (settings: typeof before) => ({
      maintenanceMode: settings.maintenanceMode,
      maintenanceMessage: settings.maintenanceMessage,
      maintenanceStartsAt: settings.maintenanceStartsAt,
      maintenanceEndsAt: settings.maintenanceEndsAt,
    });
    await recordAudit(tx, {
      actor,
      action: "settings.maintenance_updated",
      entityType: "settings",
      entityId: "maintenance",
      data: { before: pick(before), after: pick(after) },
    });
    return maintenanceViewOf(after, now);
  }));
}
