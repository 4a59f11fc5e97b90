// What the owner may save as a shop update: the zod schemas of the API (create and patch) and the order of its times.
import { z } from "zod";
import { isCalendarDay } from "@/lib/shop-calendar";
import { isInShopYears, SHOP_FIRST_DAY, SHOP_LAST_DAY } from "@/lib/shop-day-input";
import { normaliseTimestamp } from "@/lib/time";

/**
 * An instant, ISO 8601 with `Z` or an offset (`2026-12-04T19:00:00+00:00`), stored as UTC text with
 * milliseconds. A time without a zone is refused rather than guessed: the admin form converts the
 * owner's London wall time to an instant in the browser, and scripts say which zone they mean.
 */
const instant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/, "Enter a date and time with its zone (ISO 8601, such as 2026-12-04T19:00:00Z).")
  .transform((value, context) => {
    // Date rolls 30 February over into March: the written day and clock must exist as written.
    const [day, clock = ""] = value.split("T") as [string, string];
    const isRealTime = isCalendarDay(day) && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?/.test(clock);
    const iso = isRealTime ? normaliseTimestamp(value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=Z|[+-])/, "$1:00")) : null;
    if (!iso || !isInShopYears(iso)) {
      context.addIssue({ code: "custom", message: `Enter a date between ${SHOP_FIRST_DAY} and ${SHOP_LAST_DAY}.` });
      return z.NEVER;
    }
    return iso;
  });

const holdMinutes = z.number().int("Use a whole number.").min(1, "Hold for 1 to 60 minutes.").max(60, "Hold for 1 to 60 minutes.");
const admitPerMinute = z.number().int("Use a whole number.").min(1, "Use 1 or more, or leave it empty for no waiting room.").max(100_000);
const perCustomer = z.number().int("Use a whole number.").min(1, "Use 1 or more, or leave it empty for no limit.").max(10_000);

export const updateItemInput = z.object({
  variantId: z.number().int().positive(),
  /** Units released for the update: the variant's stock is set to it when saved. Empty: the stock as it is. */
  quantity: z.number().int("Use a whole number.").min(0, "Use zero or more.").max(100_000).nullable().default(null),
  limitPerCustomer: perCustomer.nullable().default(null),
});

const fields = {
  name: z.string().trim().min(1, "Give the update a name.").max(120, "Use at most 120 characters."),
  previewAt: instant.nullable().default(null),
  liveAt: instant,
  closeAt: instant.nullable().default(null),
  limitPerCustomer: perCustomer.nullable().default(null),
  holdMinutes: holdMinutes.default(10),
  admitPerMinute: admitPerMinute.nullable().default(null),
  items: z
    .array(updateItemInput)
    .min(1, "Pick at least one colourway.")
    .max(500, "An update holds at most 500 colourways.")
    .superRefine((items, context) => {
      const seen = new Set<number>();
      items.forEach((item, index) => {
        if (seen.has(item.variantId)) context.addIssue({ code: "custom", path: [index, "variantId"], message: "This colourway is listed twice." });
        seen.add(item.variantId);
      });
    }),
};

export type UpdateTimesInput = { previewAt: string | null; liveAt: string; closeAt: string | null };

/** The times' order, shared by create and patch (a patch is checked against the stored times it keeps). */
export function timeOrderIssues(times: UpdateTimesInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (times.previewAt !== null && times.previewAt > times.liveAt) issues.push({ path: "previewAt", message: "The preview must start before the update goes live." });
  if (times.closeAt !== null && times.closeAt <= times.liveAt) issues.push({ path: "closeAt", message: "The update must close after it goes live." });
  return issues;
}

export const updateInput = z.object(fields).superRefine((input, context) => {
  for (const issue of timeOrderIssues(input)) context.addIssue({ code: "custom", path: [issue.path], message: issue.message });
});
export type UpdateInput = z.infer<typeof updateInput>;

/**
 * PATCH: any of the fields; what is left out keeps its stored value. `items`, when given, is the
 * whole new list. The times' order is checked in lib (against the stored times kept).
 */
export const updatePatchInput = z
  .object({
    name: fields.name,
    previewAt: instant.nullable(),
    liveAt: instant,
    closeAt: instant.nullable(),
    limitPerCustomer: perCustomer.nullable(),
    holdMinutes,
    admitPerMinute: admitPerMinute.nullable(),
    items: fields.items,
  })
  .partial()
  .strict();
export type UpdatePatchInput = z.infer<typeof updatePatchInput>;
