import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, siteSettings } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings";
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
    expect(audit).toMatchObject({ actor: "admin:owner", data: { lowStockThreshold: { from: 5, to: 8 }, currency: { from: "GBP", to: "EUR" } } });
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
});
