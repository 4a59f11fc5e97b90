// The admin's general store settings (name, support email, currency, order numbers, low stock, per-item cap) and their writer.
import { z } from "zod";
import { MAX_LINE_QUANTITY } from "@/lib/db/schema";
import { writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record-audit";
import { getSettings, saveSettings, settingsSchema, type Settings } from "./index";

const isCurrency = (code: string) => Intl.supportedValuesOf("currency").includes(code);

/** The keys this form owns; maintenance mode has its own form and route. */
export const generalSettingsInput = z.object({
  storeName: z.string().trim().min(1, "Enter the store's name.").max(80),
  supportEmail: z.email("Enter an email address shoppers can write to.").trim().toLowerCase(),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrency, "Choose a currency code such as GBP."),
  orderNumberPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .refine((prefix) => settingsSchema.shape.orderNumberPrefix.safeParse(prefix).success, "Use 1 to 6 letters or digits, optionally ending with a dash (HD-)."),
  lowStockThreshold: z.number().int("Use a whole number.").min(0, "Use zero or more.").max(1000, "Use 1,000 or less."),
  /** Optional so a client that predates the field saves the rest without resetting it. */
  maxUnitsPerVariant: z
    .number()
    .int("Use a whole number.")
    .min(1, "Use 1 or more.")
    .max(MAX_LINE_QUANTITY, `Use ${MAX_LINE_QUANTITY} or less.`)
    .optional(),
});
export type GeneralSettingsInput = z.infer<typeof generalSettingsInput>;

export const GENERAL_SETTING_KEYS = Object.keys(generalSettingsInput.shape) as (keyof GeneralSettingsInput)[];

/** Saves the general settings and one audit row with what changed, in the caller's transaction. */
export async function saveGeneralSettings(input: GeneralSettingsInput, actor: string): Promise<Settings> {
  return writeTransaction(async (tx) => {
    const before = await getSettings(tx);
    const after = await saveSettings(tx, input);
    const changed = GENERAL_SETTING_KEYS.filter((key) => before[key] !== after[key]);
    await recordAudit(tx, {
      actor,
      action: "settings.updated",
      entityType: "settings",
      entityId: "general",
      data: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
    });
    return after;
  });
}
