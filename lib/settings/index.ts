// Store settings: typed keys over the site_settings table, with defaults for keys never saved.
import { eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { imageUrl } from "@/lib/catalog/product-input";
import { MAX_LINE_QUANTITY } from "@/lib/db/schema";
import type { DbOrTx, Tx } from "@/lib/db";
import { preparedPerHandle } from "@/lib/db/prepared";
import { siteSettings } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export const settingsSchema = z.object({
  storeName: z.string().min(1).max(80).default("Hedgerow Dye Works"),
  /** ISO 4217 currency of every price in the store. */
  currency: z.string().length(3).default("GBP"),
  /** Prefix of human order numbers (HD-1001). */
  orderNumberPrefix: z.string().regex(/^[A-Z0-9]{1,6}-?$/).default("HD-"),
  /** First number of the order sequence when the shop has no orders yet. */
  orderNumberStart: z.number().int().min(1).default(1001),
  /** "Only X left" shows at or below this many available units. */
  lowStockThreshold: z.number().int().min(0).max(1000).default(5),
  /**
   * The most units of one variant (a colourway) a cart line and so one checkout may hold: a shop
   * rule, so one shopper (or one script) cannot take a whole dye lot into a 30-minute hold.
   */
  maxUnitsPerVariant: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(10),
  supportEmail: z.email().default("hello@hedgerow.example"),
  /** The shop's logo at the top of every email: an https address or an uploaded photo's path on this shop; null for none. */
  logoUrl: imageUrl.nullable().default(null),
  /** Shoppers see a "back soon" page; admin stays open. */
  maintenanceMode: z.boolean().default(false),
  maintenanceMessage: z.string().max(500).default("We are restocking the shelves and will be back very soon."),
  /**
   * A scheduled maintenance window (UTC instants, both or neither): the storefront closes itself at
   * the start and opens again at the end, whatever maintenanceMode says in between.
   */
  maintenanceStartsAt: z.iso.datetime().nullable().default(null),
  maintenanceEndsAt: z.iso.datetime().nullable().default(null),
  /**
   * The legal trader details a UK shop must show (footer, the Terms page, order emails): nothing is
   * shown until the business name is set. The address is multi-line text.
   */
  traderName: z.string().max(120).default(""),
  traderAddress: z.string().max(400).default(""),
  traderCompanyNumber: z.string().max(20).default(""),
  traderVatNumber: z.string().max(20).default(""),
  /** The home page's heading (empty: the store's name) and the sentence under it. */
  homeHeading: z.string().max(120).default(""),
  homeText: z.string().max(400).default("Yarn dyed by hand in colours taken from the hedgerows: socks, shawls, jumpers and everything in between."),
  /** A line shown above the header of every storefront page while switched on, optionally a link. */
  announcementEnabled: z.boolean().default(false),
  announcementText: z.string().max(200).default(""),
  announcementLink: z.string().max(500).default(""),
  /**
   * Where the owner's alerts go (null: the support address). A dispute opened and a refund that
   * failed are always sent; the switches below choose the rest (lib/alerts/queue-owner-alert.ts).
   */
  alertEmail: z.email().nullable().default(null),
  alertOnHold: z.boolean().default(true),
  alertNewOrder: z.boolean().default(false),
  alertEmailFailed: z.boolean().default(true),
  /** The daily digest of nearly sold-out colourways (GET /api/cron/daily-digest). */
  alertLowStockDigest: z.boolean().default(true),
  /**
   * Notify-me: a colourway back in stock emails at most this many waiting knitters per free unit
   * (lib/waitlist/queue-waitlist-emails.ts), so two skeins never bring a thousand emails.
   */
  waitlistFactor: z.number().int().min(1).max(20).default(3),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** A stored value as the setting it is: its default when never saved, or when what is stored is not valid. */
export function readStoredSetting<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
  if (stored === undefined || stored === null) return DEFAULT_SETTINGS[key];
  const parsed = settingsSchema.shape[key].safeParse(stored);
  return parsed.success ? (parsed.data as Settings[K]) : DEFAULT_SETTINGS[key];
}

/** All settings in one statement; unknown or invalid stored values fall back to their defaults. */
/** Read on nearly every request: compiled once per handle. */
const settingsRows = preparedPerHandle((db) => db.select().from(siteSettings).prepare());

export async function getSettings(db: DbOrTx): Promise<Settings> {
  const rows = await settingsRows(db).all();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(settingsSchema.shape) as SettingKey[]) {
    (settings as Record<string, unknown>)[key] = readStoredSetting(key, stored.get(key));
  }
  return settings;
}

/**
 * One setting's stored value as a scalar subquery, for a read that must not cost a statement of its
 * own; NULL when never saved. Pass what it returns through readStoredSetting, the one reader.
 */
export function storedSettingSql(db: DbOrTx, key: SettingKey): SQL<unknown> {
  return sql`(${db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, key))})`.mapWith(siteSettings.value);
}

/** Saves some settings (validated); call inside the caller's write transaction. */
export async function saveSettings(tx: Tx, changes: Partial<Settings>): Promise<Settings> {
  const valid = settingsSchema.partial().parse(changes);
  // zod 4 fills `.default()`s even under `.partial()`: keep only the keys the caller passed, or
  // saving one form would silently reset every other setting to its default.
  const entries = Object.entries(valid).filter(([key, value]) => key in changes && value !== undefined);
  const updatedAt = nowIso();
  for (const [key, value] of entries) {
    // The value column is NOT NULL: a null clears the key instead (every nullable key defaults to null).
    if (value === null) {
      await tx.delete(siteSettings).where(eq(siteSettings.key, key));
      continue;
    }
    await tx
      .insert(siteSettings)
      .values({ key, value, updatedAt })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt } });
  }
  return getSettings(tx);
}
