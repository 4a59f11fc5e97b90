// The admin's general store settings (name, support email, email logo, currency, order numbers, low stock, per-item cap,
// trader details, home page text, announcement bar) and their writer.
import { z } from "zod";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { MAX_LINE_QUANTITY } from "@/lib/db/schema";
import { writeTransaction } from "@/lib/db";
import { imageUrl } from "@/lib/catalog/product-input";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertUploadsStored } from "@/lib/uploads/assert-uploads-stored";
import { getSettings, saveSettings, settingsSchema, type Settings } from "./index";

const isCurrency = (code: string) => Intl.supportedValuesOf("currency").includes(code);

/** Spaces typed inside a number ("12 34 56 78") are dropped before it is checked. */
const compact = (value: string) => value.replace(/\s+/g, "").toUpperCase();

/** Companies House numbers: eight digits, or two letters and six digits (SC123456). Empty: none. */
const companyNumber = z
  .string()
  .transform(compact)
  .refine((value) => value === "" || /^(?:\d{8}|[A-Z]{2}\d{6})$/.test(value), "Use the 8-character Companies House number, e.g. 01234567 or SC123456, or leave it empty.");

/** UK VAT numbers: 9 or 12 digits (or a GD/HA government number), with GB or XI in front or not. Empty: none. */
const vatNumber = z
  .string()
  .transform(compact)
  .refine((value) => value === "" || /^(?:GB|XI)?(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$/.test(value), "Use a UK VAT number such as GB123456789, or leave it empty.");

/** Whitespace, control characters and backslashes, which a browser drops or reads as `/` in a link. */
const UNSAFE_IN_LINK = /[\s\u0000-\u001F\u007F-\u009F\\]/;

/** A page of this shop (`/pages/shipping-returns`, never `//host`) or an https address. */
function isAnnouncementLink(link: string): boolean {
  if (link === "") return true;
  if (UNSAFE_IN_LINK.test(link)) return false;
  if (link.startsWith("/")) return /^\/(?![/])/.test(link);
  if (!/^https:\/\//i.test(link)) return false;
  return URL.canParse(link) && new URL(link).hostname !== "";
}

/** The keys this form owns; maintenance mode has its own form and route. */
const generalSettingsFields = z.object({
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
  // The fields below are optional for the same reason.
  /** An uploaded photo's path or an https address; null removes the logo. */
  logoUrl: imageUrl.nullable().optional(),
  traderName: z.string().trim().max(120, "Use 120 characters or fewer.").optional(),
  /** One line per part of the address; blank lines and stray spaces are dropped. */
  traderAddress: z
    .string()
    .transform((address) => address.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join("\n"))
    .pipe(z.string().max(400, "Use 400 characters or fewer.").refine((address) => address.split("\n").length <= 8, "Use 8 lines or fewer."))
    .optional(),
  traderCompanyNumber: companyNumber.optional(),
  traderVatNumber: vatNumber.optional(),
  homeHeading: z.string().trim().max(120, "Use 120 characters or fewer.").optional(),
  homeText: z.string().trim().max(400, "Use 400 characters or fewer.").optional(),
  announcementEnabled: z.boolean().optional(),
  announcementText: z.string().trim().max(200, "Use 200 characters or fewer.").optional(),
  announcementLink: z
    .string()
    .trim()
    .max(500, "Use 500 characters or fewer.")
    .refine(isAnnouncementLink, "Use a page of this shop starting with / (e.g. /pages/shipping-returns) or an address starting with https://.")
    .optional(),
});

type Issue = { path: string; message: string };

/** Rules across fields, each reported on the field the owner has to fill in. */
function crossFieldIssues(input: z.infer<typeof generalSettingsFields>): Issue[] {
  const issues: Issue[] = [];
  const hasOtherTraderDetails = Boolean(input.traderAddress || input.traderCompanyNumber || input.traderVatNumber);
  if (!input.traderName && hasOtherTraderDetails) issues.push({ path: "traderName", message: "Enter the business name the other details belong to." });
  if (input.traderName && !input.traderAddress) issues.push({ path: "traderAddress", message: "Enter the business's geographic address (not a PO box): the law asks for it." });
  if (input.announcementEnabled && !input.announcementText) issues.push({ path: "announcementText", message: "Write the announcement, or switch the bar off." });
  if (input.announcementLink && !input.announcementText) issues.push({ path: "announcementText", message: "Write the text the link goes on." });
  return issues;
}

export const generalSettingsInput = generalSettingsFields.superRefine((input, context) => {
  for (const issue of crossFieldIssues(input)) context.addIssue({ code: "custom", path: [issue.path], message: issue.message });
});
export type GeneralSettingsInput = z.infer<typeof generalSettingsInput>;

export const GENERAL_SETTING_KEYS = Object.keys(generalSettingsFields.shape) as (keyof GeneralSettingsInput)[];

/** Saves the general settings and one audit row with what changed, in the caller's transaction. */
export async function saveGeneralSettings(input: GeneralSettingsInput, actor: string): Promise<Settings> {
  return revalidateAfter([CACHE_TAGS.settings], writeTransaction(async (tx) => {
    const before = await getSettings(tx);
    // A newly chosen logo from the shop's uploads must still be stored, as a product's photos must.
    if (input.logoUrl && input.logoUrl !== before.logoUrl) await assertUploadsStored(tx, [{ path: "logoUrl", url: input.logoUrl }]);
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
  }));
}
