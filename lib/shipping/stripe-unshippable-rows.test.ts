// Zones saved before the country list was cleaned: migration 0014 removes the codes Stripe Checkout
// refuses, and its triggers make the database refuse them from then on.
import { createClient } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { db, isConstraintError, writeTransaction } from "@/lib/db";
import { sqliteErrorCode } from "@/lib/db/errors";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/lib/db/migrate";
import { shippingZoneCountries } from "@/lib/db/schema";
import { createShippingZone } from "@/tests/factories/shipping";
import { STRIPE_UNSHIPPABLE } from "./country-list";

const TRIGGERS = ["shipping_zone_countries_stripe_insert", "shipping_zone_countries_stripe_update"];

async function refusalOf(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    () => expect.fail("the database let the write through"),
    (error: unknown) => error,
  );
}

describe("the database refuses a shipping country Stripe Checkout cannot ship to", () => {
  it("each trigger names exactly STRIPE_UNSHIPPABLE", async () => {
    const rows = await (await db()).all<{ name: string; sql: string }>(
      sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'shipping_zone_countries' ORDER BY name`,
    );
    expect(rows.map((row) => row.name)).toEqual(TRIGGERS);
    for (const row of rows) {
      const list = /NEW\.`country` IN \(([^)]*)\)/.exec(row.sql)![1]!;
      expect([...list.matchAll(/'([A-Z]{2})'/g)].map((match) => match[1]).sort()).toEqual([...STRIPE_UNSHIPPABLE].sort());
    }
  });

  it("refuses moving a zone's country onto one by update, leaving the row as it was", async () => {
    const { zoneId } = await createShippingZone({ countries: ["LT"], rates: [] });
    const error = await refusalOf(() => writeTransaction((tx) => tx.update(shippingZoneCountries).set({ country: "SY" }).where(eq(shippingZoneCountries.country, "LT"))));
    expect(sqliteErrorCode(error)).toBe("SQLITE_CONSTRAINT_TRIGGER");
    expect(String((error as { cause?: { message?: string } }).cause?.message)).toContain("stripe_unshippable_country");
    expect(await (await db()).select().from(shippingZoneCountries).where(eq(shippingZoneCountries.zoneId, zoneId))).toEqual([{ country: "LT", zoneId }]);
  });

  it("refuses every one of the fifteen on insert, and lets a withdrawn code that is not Stripe's business through", async () => {
    const { zoneId } = await createShippingZone({ countries: ["LV"], rates: [] });
    for (const code of STRIPE_UNSHIPPABLE) {
      const error = await refusalOf(() => writeTransaction((tx) => tx.insert(shippingZoneCountries).values({ country: code, zoneId })));
      expect(isConstraintError(error)).toBe(true);
    }
    // A withdrawn code is the storefront's to leave out (listServedCountries, quoteShipping): the owner still sees and removes it.
    await writeTransaction((tx) => tx.insert(shippingZoneCountries).values({ country: "ZR", zoneId }));
    const stored = await (await db()).select().from(shippingZoneCountries).where(eq(shippingZoneCountries.zoneId, zoneId));
    expect(stored.map((row) => row.country).sort()).toEqual(["LV", "ZR"]);
  });
});

describe("migration 0014 on a shop whose zones were saved before the list was cleaned", () => {
  it("removes the Stripe-refused codes with an audit row per zone, and keeps every other country", async () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((entry) => entry.tag.startsWith("0014_"));
    const scratch = mkdtempSync(path.join(tmpdir(), "store-0014-"));
    // The migrations folder as it was before 0014, so the shop's database is as it was then.
    const before = path.join(scratch, "drizzle");
    mkdirSync(path.join(before, "meta"), { recursive: true });
    writeFileSync(path.join(before, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    for (const entry of journal.entries.slice(0, upTo)) copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(before, `${entry.tag}.sql`));
    const url = pathToFileURL(path.join(scratch, "shop.db")).href;
    const client = createClient({ url });
    try {
      await migrateDatabase({ url }, before);
      await client.batch([
        "INSERT INTO shipping_zones (id, name) VALUES (1, 'Caribbean'), (2, 'Pacific'), (3, 'Europe')",
        "INSERT INTO shipping_zone_countries (country, zone_id) VALUES ('JM', 1), ('CU', 1), ('VI', 1), ('PW', 2), ('FR', 3), ('DY', 3)",
      ]);

      await migrateDatabase({ url });

      const countries = await client.execute("SELECT country, zone_id FROM shipping_zone_countries ORDER BY country");
      expect(countries.rows.map((row) => [row.country, row.zone_id])).toEqual([
        ["DY", 3],
        ["FR", 3],
        ["JM", 1],
      ]);
      const audit = await client.execute("SELECT actor, action, entity_type, entity_id, data FROM audit_log ORDER BY entity_id");
      expect(audit.rows.map((row) => ({ ...row, data: JSON.parse(String(row.data)) }))).toEqual([
        {
          actor: "system",
          action: "shipping_zone.countries_removed",
          entity_type: "shipping_zone",
          entity_id: "1",
          data: { countries: ["CU", "VI"], reason: "Stripe Checkout cannot ship there (migration 0014)" },
        },
        { actor: "system", action: "shipping_zone.countries_removed", entity_type: "shipping_zone", entity_id: "2", data: { countries: ["PW"], reason: expect.any(String) } },
      ]);
      await expect(client.execute("INSERT INTO shipping_zone_countries (country, zone_id) VALUES ('CU', 1)")).rejects.toThrow(/stripe_unshippable_country/);
    } finally {
      client.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
