import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, siteSettings } from "@/lib/db/schema";
import { writeTransaction } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import { recordUploads } from "@/lib/uploads/record-uploads";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { PUT } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const put = (body: unknown) => PUT(adminRequest("/api/admin/settings", { method: "PUT", body, cookie: ownerCookie() }), { params: Promise.resolve({}) });
const valid = { storeName: "Hedgerow Yarns", supportEmail: "Help@Hedgerow.example", currency: "eur", orderNumberPrefix: "hy-", lowStockThreshold: 8 };

describe("PUT /api/admin/settings", () => {
  it("saves the general settings, normalised, with an audit row naming what changed; maintenance settings are untouched", async () => {
    const response = await put(valid);
    expect(response.status).toBe(200);
    const settings = await withFreshClient(getSettings);
    expect(settings).toMatchObject({ storeName: "Hedgerow Yarns", supportEmail: "help@hedgerow.example", currency: "EUR", orderNumberPrefix: "HY-", lowStockThreshold: 8, maintenanceMode: false });
    const stored = await withFreshClient((read) => read.select().from(siteSettings));
    expect(stored.map((row) => row.key).sort()).toEqual(["currency", "lowStockThreshold", "orderNumberPrefix", "storeName", "supportEmail"]);
    const [audit] = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "settings.updated")));
    expect(audit).toMatchObject({ actor: "admin:owner (owner@localhost)", data: { lowStockThreshold: { from: 5, to: 8 }, currency: { from: "GBP", to: "EUR" } } });
  });

  it("saves the per-item cap a cart and a checkout enforce, 10 until the owner changes it", async () => {
    expect((await withFreshClient(getSettings)).maxUnitsPerVariant).toBe(10);
    expect((await put({ ...valid, maxUnitsPerVariant: 4 })).status).toBe(200);
    expect((await withFreshClient(getSettings)).maxUnitsPerVariant).toBe(4);
    const [audit] = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "settings.updated")).orderBy(desc(auditLog.id)).limit(1));
    expect(audit?.data).toMatchObject({ maxUnitsPerVariant: { from: 10, to: 4 } });
    // A form that predates the field saves the rest without resetting it.
    expect((await put(valid)).status).toBe(200);
    expect((await withFreshClient(getSettings)).maxUnitsPerVariant).toBe(4);
  });

  it.each([
    ["an empty store name", { storeName: " " }, "storeName"],
    ["a bad email", { supportEmail: "nobody" }, "supportEmail"],
    ["an unknown currency", { currency: "XYZ1" }, "currency"],
    ["a long order prefix", { orderNumberPrefix: "TOOLONG-" }, "orderNumberPrefix"],
    ["a negative threshold", { lowStockThreshold: -1 }, "lowStockThreshold"],
    ["a per-item cap of zero", { maxUnitsPerVariant: 0 }, "maxUnitsPerVariant"],
    ["a per-item cap above what a cart line can hold", { maxUnitsPerVariant: 100 }, "maxUnitsPerVariant"],
  ])("answers 400 with the field for %s and saves nothing", async (_name, change, field) => {
    const before = await withFreshClient(getSettings);
    const response = await put({ ...valid, ...change });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((detail) => detail.path)).toContain(field);
    expect(await withFreshClient(getSettings)).toEqual(before);
  });

  it("saves trader details, home text and the announcement bar, normalised, and a form without them leaves them alone", async () => {
    const response = await put({
      ...valid,
      traderName: "  Hedgerow Dye Works Ltd ",
      traderAddress: " Unit 4, Mill Yard \r\n\n  Hebden Bridge\nHX7 8AD  ",
      traderCompanyNumber: "sc 123 456",
      traderVatNumber: "gb 123 4567 89",
      homeHeading: "Colours from the lanes",
      homeText: "Small batches, dyed by hand.",
      announcementEnabled: true,
      announcementText: "Free UK shipping over £50",
      announcementLink: "/pages/shipping-returns",
    });
    expect(response.status).toBe(200);
    const expected = {
      traderName: "Hedgerow Dye Works Ltd",
      traderAddress: "Unit 4, Mill Yard\nHebden Bridge\nHX7 8AD",
      traderCompanyNumber: "SC123456",
      traderVatNumber: "GB123456789",
      homeHeading: "Colours from the lanes",
      homeText: "Small batches, dyed by hand.",
      announcementEnabled: true,
      announcementText: "Free UK shipping over £50",
      announcementLink: "/pages/shipping-returns",
    };
    expect(await withFreshClient(getSettings)).toMatchObject(expected);
    const [audit] = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "settings.updated")).orderBy(desc(auditLog.id)).limit(1));
    expect(audit?.data).toMatchObject({ traderCompanyNumber: { from: "", to: "SC123456" }, announcementEnabled: { from: false, to: true } });
    expect((await put(valid)).status).toBe(200);
    expect(await withFreshClient(getSettings)).toMatchObject(expected);
  });

  it("saves the email logo (an uploaded path or an https address), keeps it when a form leaves it out, and removes it with null", async () => {
    expect((await withFreshClient(getSettings)).logoUrl).toBeNull();
    // An uploaded logo must still be stored: one the cleanup cron took is refused on the field.
    const gone = await put({ ...valid, logoUrl: "/uploads/logo.png" });
    expect(gone.status).toBe(400);
    expect(((await gone.json()) as { error: { details: { path: string; message: string }[] } }).error.details).toEqual([
      { path: "logoUrl", message: "This photo is no longer stored. Remove it and upload it again." },
    ]);
    expect((await withFreshClient(getSettings)).logoUrl).toBeNull();
    await writeTransaction((tx) =>
      recordUploads(tx, [{ id: "logo", storageKey: "logo.png", url: "/uploads/logo.png", contentType: "image/png", width: 10, height: 10, bytes: 100, createdAt: nowIso() }]),
    );
    expect((await put({ ...valid, logoUrl: " /uploads/logo.png " })).status).toBe(200);
    expect((await withFreshClient(getSettings)).logoUrl).toBe("/uploads/logo.png");
    expect((await put(valid)).status).toBe(200);
    expect((await withFreshClient(getSettings)).logoUrl).toBe("/uploads/logo.png");
    expect((await put({ ...valid, logoUrl: "https://cdn.example.com/logo.png" })).status).toBe(200);
    expect((await withFreshClient(getSettings)).logoUrl).toBe("https://cdn.example.com/logo.png");
    const [audit] = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "settings.updated")).orderBy(desc(auditLog.id)).limit(1));
    expect(audit?.data).toMatchObject({ logoUrl: { from: "/uploads/logo.png", to: "https://cdn.example.com/logo.png" } });
    expect((await put({ ...valid, logoUrl: null })).status).toBe(200);
    expect((await withFreshClient(getSettings)).logoUrl).toBeNull();
  });

  it.each([
    ["a company number of the wrong shape", { traderName: "Hedgerow", traderAddress: "1 Lane", traderCompanyNumber: "12345" }, "traderCompanyNumber"],
    ["a VAT number of the wrong shape", { traderName: "Hedgerow", traderAddress: "1 Lane", traderVatNumber: "FR123" }, "traderVatNumber"],
    ["a business name without an address", { traderName: "Hedgerow", traderAddress: "" }, "traderAddress"],
    ["an address without a business name", { traderName: "", traderAddress: "1 Lane" }, "traderName"],
    ["an address of more than 8 lines", { traderName: "Hedgerow", traderAddress: "a\nb\nc\nd\ne\nf\ng\nh\ni" }, "traderAddress"],
    ["an announcement switched on with no text", { announcementEnabled: true, announcementText: " " }, "announcementText"],
    ["an announcement over 200 characters", { announcementText: "x".repeat(201) }, "announcementText"],
    ["an announcement link to another host through //", { announcementText: "Sale", announcementLink: "//evil.example" }, "announcementLink"],
    ["a javascript: announcement link", { announcementText: "Sale", announcementLink: "javascript:alert(1)" }, "announcementLink"],
    ["a plain http announcement link", { announcementText: "Sale", announcementLink: "http://example.com" }, "announcementLink"],
    ["a home heading over 120 characters", { homeHeading: "h".repeat(121) }, "homeHeading"],
    ["a logo on another host through //", { logoUrl: "//evil.example/logo.png" }, "logoUrl"],
    ["a plain http logo", { logoUrl: "http://example.com/logo.png" }, "logoUrl"],
    ["a javascript: logo", { logoUrl: "javascript:alert(1)" }, "logoUrl"],
  ])("answers 400 with the field for %s and saves nothing", async (_name, change, field) => {
    const before = await withFreshClient(getSettings);
    const response = await put({ ...valid, ...change });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details.map((detail) => detail.path)).toContain(field);
    expect(await withFreshClient(getSettings)).toEqual(before);
  });
});
