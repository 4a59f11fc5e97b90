import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { PUT } from "./route";

const context = { params: Promise.resolve({}) };
/** `null`: no cookie at all (an anonymous caller). */
const put = (body: unknown, cookie: string | null = ownerCookie()) =>
  PUT(adminRequest("/api/admin/settings/notifications", { method: "PUT", body, cookie: cookie ?? undefined }), context);

const DEFAULTS = { alertEmail: "", alertOnHold: true, alertNewOrder: false, alertEmailFailed: true, alertLowStockDigest: true };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

describe("PUT /api/admin/settings/notifications", () => {
  it("refuses anyone but an admin, writing nothing", async () => {
    const before = await withFreshClient((db) => countRows(db, auditLog));
    const response = await put({ ...DEFAULTS, alertNewOrder: true }, null);
    expect(response.status).toBe(401);
    expect(await withFreshClient((db) => countRows(db, auditLog))).toBe(before);
    expect((await withFreshClient((db) => getSettings(db))).alertNewOrder).toBe(false);
  });

  it("saves the address and the switches with an audit row of what changed, and an empty address goes back to the support one", async () => {
    const response = await put({ ...DEFAULTS, alertEmail: "  Owner@Hedgerow.Example ", alertNewOrder: true, alertLowStockDigest: false });
    expect(response.status).toBe(200);
    expect((await response.json()).notifications).toEqual({ ...DEFAULTS, waitlistFactor: 3, alertEmail: "owner@hedgerow.example", alertNewOrder: true, alertLowStockDigest: false });
    await withFreshClient(async (db) => {
      expect(await getSettings(db)).toMatchObject({ alertEmail: "owner@hedgerow.example", alertNewOrder: true, alertLowStockDigest: false, alertOnHold: true });
      const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ actor: "admin:owner (owner@localhost)", action: "settings.notifications_updated", entityType: "settings", entityId: "notifications" });
      expect(audit!.data).toEqual({
        alertEmail: { from: null, to: "owner@hedgerow.example" },
        alertNewOrder: { from: false, to: true },
        alertLowStockDigest: { from: true, to: false },
      });
    });

    expect((await put(DEFAULTS)).status).toBe(200);
    expect(await withFreshClient((db) => getSettings(db))).toMatchObject({ alertEmail: null, alertNewOrder: false, alertLowStockDigest: true });
  });

  it("saves the notify-me factor (1 to 20) with an audit row", async () => {
    const response = await put({ ...DEFAULTS, waitlistFactor: 7 });
    expect(response.status).toBe(200);
    expect((await response.json()).notifications.waitlistFactor).toBe(7);
    await withFreshClient(async (db) => {
      expect((await getSettings(db)).waitlistFactor).toBe(7);
      const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect(audit!.data).toEqual({ waitlistFactor: { from: 3, to: 7 } });
    });
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const before = await withFreshClient((db) => countRows(db, auditLog));
    const cases: [unknown, string][] = [
      ["not json", ""],
      [{ ...DEFAULTS, alertEmail: "not an address" }, "alertEmail"],
      [{ ...DEFAULTS, alertEmail: `${"a".repeat(250)}@example.com` }, "alertEmail"],
      [{ ...DEFAULTS, alertOnHold: "yes" }, "alertOnHold"],
      [{ alertEmail: "" }, "alertNewOrder"],
      [{ ...DEFAULTS, alertDisputes: false }, ""],
      [{ ...DEFAULTS, waitlistFactor: 0 }, "waitlistFactor"],
      [{ ...DEFAULTS, waitlistFactor: 21 }, "waitlistFactor"],
      [{ ...DEFAULTS, waitlistFactor: 2.5 }, "waitlistFactor"],
    ];
    for (const [body, path] of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = await response.json();
      if (path) expect(error.details.map((detail: { path: string }) => detail.path), JSON.stringify(body)).toContain(path);
    }
    expect(await withFreshClient((db) => countRows(db, auditLog))).toBe(before);
  });
});
