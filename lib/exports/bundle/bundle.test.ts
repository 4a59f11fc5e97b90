import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db, writeTransaction } from "@/lib/db";
import { collections } from "@/lib/db/schema";
import { listPages } from "@/lib/pages/list-pages";
import { createPage, updatePage } from "@/lib/pages/save-page";
import { openClient } from "@/lib/db/client";
import { seedDemoData } from "@/lib/seed/seed-demo-data";
import { recordUploads } from "@/lib/uploads/record-uploads";
import { env, resetEnvForTests } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/database";
import { countDataRows } from "../backup/database-inventory";
import { tableChecksums } from "../backup/table-checksums";
import { BUNDLE_FILES } from "./bundle-layout";
import { exportBundle } from "./export-bundle";
import { importBundle, ImportRefusedError } from "./import-bundle";

const workDir = mkdtempSync(path.join(tmpdir(), "store-bundle-test-"));
const databases: TestDatabase[] = [];
let sourceUrl = "";
let firstExport = "";

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  databases.forEach((database) => database.remove());
});

async function useDatabase(url: string) {
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvForTests();
}

async function useNewDatabase(name: string): Promise<string> {
  const database = await createTestDatabase(name);
  databases.push(database);
  await useDatabase(database.url);
  return database.url;
}

async function exportTo(name: string): Promise<string> {
  const dir = path.join(workDir, name);
  await exportBundle({ source: { url: env().DATABASE_URL }, outDir: dir });
  return dir;
}

/** Every index's definition: the import drops the plain ones for its load and must build each again. */
const indexesOf = (url: string) =>
  withClient(url, async (client) => (await client.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")).rows.map((row) => ({ ...row })));

async function withClient<T>(url: string, read: (client: Awaited<ReturnType<typeof openClient>>) => Promise<T>): Promise<T> {
  const client = await openClient({ url });
  try {
    return await read(client);
  } finally {
    client.close();
  }
}

function copyExport(from: string, name: string): string {
  const dir = path.join(workDir, name);
  cpSync(from, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  sourceUrl = env().DATABASE_URL;
  await seedDemoData({ anchor: new Date("2026-06-01T12:00:00.000Z") });
  // The owner's own words, not the migration's defaults, must survive the round trip.
  const [about] = await listPages(await db());
  await updatePage(about!.id, { body: "## Our studio\n\nEdited by the owner.", isPublished: false }, "test");
  await createPage({ slug: "care-guide", title: "Caring for your yarn", body: "Cool water only.", isPublished: true }, "test");
  // A hidden collection, so the round trip proves is_published comes back as the owner left it.
  await writeTransaction((tx) => tx.update(collections).set({ isPublished: false }).where(eq(collections.id, 2)));
  // Upload ids are random text: ones that sort below any numeric sentinel ('--…', '-0…') must not be skipped.
  await writeTransaction((tx) => recordUploads(tx, ["--edge-of-the-key-space", "-0edge-of-the-key-space"].map((id) => (
    { id, storageKey: `${id}.webp`, url: `/uploads/${id}.webp`, contentType: "image/webp" as const, width: 10, height: 10, bytes: 100 }
  ))));
  firstExport = await exportTo("first");
});

describe("data:export", () => {
  it("writes the listed files, pretty-printed, with counts, schema version and money in minor units with the currency", () => {
    expect(readdirSync(firstExport).sort()).toEqual(
      ["customers.json", "discounts.json", "emails.json", "inventory.json", "manifest.json", "orders.json", "products.json", "settings.json", "shipping.json"],
    );
    const manifest = JSON.parse(readFileSync(path.join(firstExport, "manifest.json"), "utf8"));
    expect(manifest.schemaVersion).toMatch(/^\d{4}_/);
    expect(manifest.files["orders.json"].records).toMatchObject({ orders: 1000 });
    expect(manifest.files["products.json"].records).toMatchObject({ uploads: 25, collections: 5, products: 14, "products.variants": 29 });
    expect(manifest.files["settings.json"].records).toMatchObject({ pages: 5 });

    const orders = JSON.parse(readFileSync(path.join(firstExport, "orders.json"), "utf8"));
    const first = orders.orders[0];
    expect(first).toMatchObject({ id: 1, orderNumber: "HD-1001", currency: "GBP" });
    expect(Number.isInteger(first.total)).toBe(true);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.events[0].type).toBe("created");
    expect(first).not.toHaveProperty("checkoutId");
    expect(orders.orders.map((order: { id: number }) => order.id)).toEqual([...Array(1000).keys()].map((i) => i + 1));
    const products = JSON.parse(readFileSync(path.join(firstExport, "products.json"), "utf8"));
    expect(products.currency).toBe("GBP");
    expect(products.collections.map((collection: { id: number; isPublished: boolean }) => [collection.id, collection.isPublished])).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, true],
      [5, true],
    ]);
    const emails = JSON.parse(readFileSync(path.join(firstExport, "emails.json"), "utf8"));
    expect(emails.emails[0]).not.toHaveProperty("html");
    expect(readFileSync(path.join(firstExport, "customers.json"), "utf8").split("\n")[3]).toBe("      \"id\": 1,");
  });

  it("gives byte-identical files for the same data", async () => {
    const again = await exportTo("again");
    for (const { file } of BUNDLE_FILES) {
      expect({ file, identical: readFileSync(path.join(again, file)).equals(readFileSync(path.join(firstExport, file))) }).toEqual({ file, identical: true });
    }
  });

  it("refuses a folder that already holds files", async () => {
    await expect(exportBundle({ source: { url: sourceUrl }, outDir: firstExport })).rejects.toThrow(/already holds files/);
  });
});

describe("data:import", () => {
  it("round-trips: export → import into an empty database → export again gives identical files and the same rows", async () => {
    const targetUrl = await useNewDatabase("round-trip");
    const progress: string[] = [];
    await importBundle({ dir: firstExport, onProgress: (line) => progress.push(line) });
    expect(progress.at(-1)).toMatch(/^Imported [\d,]+ records .* in one transaction\.$/);
    const second = await exportTo("second");

    for (const { file } of BUNDLE_FILES) {
      expect({ file, identical: readFileSync(path.join(second, file)).equals(readFileSync(path.join(firstExport, file))) }).toEqual({ file, identical: true });
    }
    const manifests = [firstExport, second].map((dir) => JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")));
    expect({ ...manifests[1], exportedAt: "" }).toEqual({ ...manifests[0], exportedAt: "" });

    // Ids, order numbers, timestamps and JSON columns come back exactly (email bodies are not exported).
    const source = await withClient(sourceUrl, tableChecksums);
    const imported = await withClient(targetUrl, tableChecksums);
    const bundled = ["site_settings", "content_pages", "uploads", "collections", "products", "product_collections", "product_variants", "product_images", "shipping_zones",
      "shipping_zone_countries", "shipping_rates", "customers", "addresses", "orders", "order_items", "order_events", "discount_codes",
      "discount_redemptions", "inventory_adjustments"];
    for (const table of bundled) expect({ table, checksum: imported[table] }).toEqual({ table, checksum: source[table] });
    const pagesOf = (url: string) => withClient(url, async (client) => (await client.execute("SELECT slug, body, is_published FROM content_pages ORDER BY position")).rows);
    expect((await pagesOf(targetUrl)).map((row) => row.slug)).toEqual(["about", "shipping-returns", "privacy", "terms", "care-guide"]);
    expect((await pagesOf(targetUrl))[0]).toMatchObject({ body: "## Our studio\n\nEdited by the owner.", is_published: 0 });
    const emailColumns = "id, order_id, kind, to_address, subject, status, attempts, next_attempt_at, idempotency_key, sent_at, created_at";
    const emailsOf = (url: string) => withClient(url, async (client) => (await client.execute(`SELECT ${emailColumns} FROM email_outbox ORDER BY id`)).rows);
    expect(await emailsOf(targetUrl)).toEqual(await emailsOf(sourceUrl));
    // The bundle holds no search index; the import builds the same one from the catalog it loaded.
    const indexOf = (url: string) => withClient(url, async (client) => (await client.execute("SELECT rowid, name, colourways, description FROM catalog_search ORDER BY rowid")).rows);
    const index = await indexOf(targetUrl);
    expect(index.length).toBeGreaterThan(0);
    expect(index).toEqual(await indexOf(sourceUrl));
    const indexes = await indexesOf(targetUrl);
    expect(indexes.map((row) => row.name)).toEqual(expect.arrayContaining(["orders_created_idx", "order_events_order_idx", "inventory_adjustments_variant_idx"]));
    expect(indexes).toEqual(await indexesOf(sourceUrl));
    const integrity = await withClient(targetUrl, async (client) => (await client.execute("PRAGMA integrity_check")).rows.map((row) => row[0]));
    expect(integrity).toEqual(["ok"]);
  });

  it("imports an export made before pages existed, keeping the new database's default pages", async () => {
    const dir = copyExport(firstExport, "before-pages");
    const settingsFile = path.join(dir, "settings.json");
    const { pages: _pages, ...withoutPages } = JSON.parse(readFileSync(settingsFile, "utf8"));
    writeFileSync(settingsFile, JSON.stringify(withoutPages));
    const manifestFile = path.join(dir, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    delete manifest.files["settings.json"].records.pages;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const url = await useNewDatabase("before-pages-target");
    await importBundle({ dir });
    const slugs = await withClient(url, async (client) => (await client.execute("SELECT slug FROM content_pages ORDER BY position")).rows.map((row) => row.slug));
    expect(slugs).toEqual(["about", "shipping-returns", "privacy", "terms"]);
    expect(await withClient(url, countDataRows)).toBeGreaterThan(0);
  });

  it("refuses a database that already holds data and changes nothing", async () => {
    await useDatabase(sourceUrl);
    const before = await withClient(sourceUrl, tableChecksums);
    await expect(importBundle({ dir: firstExport })).rejects.toThrow(ImportRefusedError);
    expect(await withClient(sourceUrl, tableChecksums)).toEqual(before);
  });

  it("names the file and record of a truncated file, and writes nothing", async () => {
    const dir = copyExport(firstExport, "truncated");
    const ordersFile = path.join(dir, "orders.json");
    const text = readFileSync(ordersFile, "utf8");
    writeFileSync(ordersFile, text.slice(0, Math.floor(text.length / 2)));
    const url = await useNewDatabase("truncated-target");

    await expect(importBundle({ dir })).rejects.toThrow(/^orders\.json: truncated: the file ends inside orders record \d+ \(started on line \d+\)$/);
    expect(await withClient(url, countDataRows)).toBe(0);
  });

  it("names the file, record and field of an invalid record, and writes nothing", async () => {
    const dir = copyExport(firstExport, "invalid");
    const ordersFile = path.join(dir, "orders.json");
    const text = readFileSync(ordersFile, "utf8");
    writeFileSync(ordersFile, text.replace('"orderNumber": "HD-1500"', '"orderNumber": 1500'));
    const url = await useNewDatabase("invalid-target");

    await expect(importBundle({ dir })).rejects.toThrow(/^orders\.json: orders record 500 \(id 500\), line \d+: orderNumber: .*string/);
    expect(await withClient(url, countDataRows)).toBe(0);
  });

  it("names the record whose JSON is broken", async () => {
    const dir = copyExport(firstExport, "broken");
    const customersFile = path.join(dir, "customers.json");
    writeFileSync(customersFile, readFileSync(customersFile, "utf8").replace('"id": 7,', '"id": 7,,'));
    const url = await useNewDatabase("broken-target");

    await expect(importBundle({ dir })).rejects.toThrow(/^customers\.json: customers record 7 \(lines \d+–\d+\) is not valid JSON/);
    expect(await withClient(url, countDataRows)).toBe(0);
  });

  it("rolls back everything when the database refuses a record late in the import", async () => {
    const dir = copyExport(firstExport, "duplicate");
    const inventoryFile = path.join(dir, "inventory.json");
    // Two ledger rows with the same id: the primary key refuses the second, after most data went in.
    writeFileSync(inventoryFile, readFileSync(inventoryFile, "utf8").replace('"id": 2,', '"id": 1,'));
    const url = await useNewDatabase("duplicate-target");

    await expect(importBundle({ dir })).rejects.toThrow(/^inventory\.json: adjustments records 1–250 were refused by the database: .*UNIQUE/);
    expect(await withClient(url, countDataRows)).toBe(0);
    // The plain indexes the load dropped come back with the rollback.
    expect(await indexesOf(url)).toEqual(await indexesOf(sourceUrl));
  });

  it("accepts a file an editor re-formatted, as long as it is valid JSON", async () => {
    const dir = copyExport(firstExport, "reformatted");
    const settingsFile = path.join(dir, "settings.json");
    writeFileSync(settingsFile, JSON.stringify(JSON.parse(readFileSync(settingsFile, "utf8"))));
    const url = await useNewDatabase("reformatted-target");

    await importBundle({ dir });
    expect(await withClient(url, async (client) => (await client.execute("SELECT count(*) AS n FROM site_settings")).rows[0]!.n)).toBe(7);
  });

  it("writes only the schema's own tables and columns: an unknown field or list is refused, and nothing is written", async () => {
    const fieldDir = copyExport(firstExport, "unknown-field");
    const settingsFile = path.join(fieldDir, "settings.json");
    const settings = JSON.parse(readFileSync(settingsFile, "utf8"));
    settings.settings[0]["value\") ; DROP TABLE orders; --"] = "x";
    writeFileSync(settingsFile, JSON.stringify(settings));
    const fieldTarget = await useNewDatabase("unknown-field-target");
    await expect(importBundle({ dir: fieldDir })).rejects.toThrow(/^settings\.json: settings record 1: .*Unrecognized key/);
    expect(await withClient(fieldTarget, countDataRows)).toBe(0);

    const listDir = copyExport(firstExport, "unknown-list");
    const customersFile = path.join(listDir, "customers.json");
    const customers = JSON.parse(readFileSync(customersFile, "utf8"));
    customers.admin_session_revocations = [{ scope: "all", expiresAt: "2099-01-01T00:00:00.000Z" }];
    writeFileSync(customersFile, JSON.stringify(customers));
    const listTarget = await useNewDatabase("unknown-list-target");
    await expect(importBundle({ dir: listDir })).rejects.toThrow(/^customers\.json: unknown list "admin_session_revocations" \(expected customers\)/);
    expect(await withClient(listTarget, countDataRows)).toBe(0);
  });

  it("normalises older timestamp formats, shows collections from an export older than hiding, and never leaves a body-less email pending", async () => {
    const dir = copyExport(firstExport, "edited");
    const customersFile = path.join(dir, "customers.json");
    const customers = readFileSync(customersFile, "utf8");
    const firstCreatedAt = /"createdAt": "([^"]+)"/.exec(customers)![1]!;
    writeFileSync(customersFile, customers.replace(`"createdAt": "${firstCreatedAt}"`, '"createdAt": "2026-01-02 03:04:05"'));
    const emailsFile = path.join(dir, "emails.json");
    writeFileSync(emailsFile, readFileSync(emailsFile, "utf8").replace('"status": "sent"', '"status": "pending"'));
    // Exports made before migration 0007 have no isPublished: their collections were all on show.
    const productsFile = path.join(dir, "products.json");
    const catalog = JSON.parse(readFileSync(productsFile, "utf8"));
    for (const collection of catalog.collections) delete collection.isPublished;
    writeFileSync(productsFile, JSON.stringify(catalog, null, 2));
    const url = await useNewDatabase("edited-target");

    await importBundle({ dir });
    const [customer, email] = await withClient(url, async (client) => [
      (await client.execute("SELECT created_at FROM customers WHERE id = 1")).rows[0]!,
      (await client.execute("SELECT status, last_error, html FROM email_outbox ORDER BY id LIMIT 1")).rows[0]!,
    ]);
    expect(customer!.created_at).toBe("2026-01-02T03:04:05.000Z");
    expect(email).toMatchObject({ status: "failed", last_error: "Imported from an export without its body; not sent", html: "" });
    const published = await withClient(url, async (client) => (await client.execute("SELECT is_published FROM collections ORDER BY id")).rows.map((row) => row.is_published));
    expect(published).toEqual([1, 1, 1, 1, 1]);
  });

  it("leaves out a shipping country Stripe Checkout refuses (an export from before migration 0014) and says so", async () => {
    const dir = copyExport(firstExport, "refused-country");
    const shippingFile = path.join(dir, "shipping.json");
    const shipping = JSON.parse(readFileSync(shippingFile, "utf8"));
    const zone = shipping.zones[0];
    const kept = zone.countries.map((country: { country: string }) => country.country);
    zone.countries.push({ country: "CU" });
    writeFileSync(shippingFile, JSON.stringify(shipping, null, 2));
    const manifestFile = path.join(dir, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    manifest.files["shipping.json"].records["zones.countries"] += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const url = await useNewDatabase("refused-country-target");

    const messages: string[] = [];
    await importBundle({ dir, onProgress: (message) => messages.push(message) });
    const countries = await withClient(url, async (client) =>
      (await client.execute({ sql: "SELECT country FROM shipping_zone_countries WHERE zone_id = ? ORDER BY rowid", args: [zone.id] })).rows.map((row) => row.country),
    );
    expect(countries).toEqual(kept);
    expect(messages).toContain(`  shipping.json: left out CU from shipping zone ${zone.id}: Stripe Checkout cannot ship there.`);
  });
});
