import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, siteSettings } from "@/lib/db/schema";
import { getMaintenanceState } from "@/lib/maintenance/maintenance-flag";
import { getSettings } from "@/lib/settings";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { countRows, withFreshClient } from "@/tests/factories/fresh-client";
import { PUT } from "./route";

const context = { params: Promise.resolve({}) };
/** `null`: no cookie at all (an anonymous caller). */
const put = (body: unknown, cookie: string | null = ownerCookie()) =>
  PUT(adminRequest("/api/admin/settings/maintenance", { method: "PUT", body, cookie: cookie ?? undefined }), context);

const hourFromNow = (hours: number) => {
  // A London wall time `hours` from now (datetime-local form), computed the way the form would show it.
  const instant = new Date(Date.now() + hours * 3_600_000);
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "shortOffset" }).formatToParts(instant).find((part) => part.type === "timeZoneName")!.value;
  const hoursAhead = offset === "GMT" ? 0 : Number(offset.replace("GMT", ""));
  return { wall: new Date(instant.getTime() + hoursAhead * 3_600_000).toISOString().slice(0, 16), utcMinute: instant.toISOString().slice(0, 16) };
};

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(async () => {
  await put({ enabled: false, message: "Back soon.", window: null });
});

describe("PUT /api/admin/settings/maintenance", () => {
  it("refuses anyone but an admin, writing nothing", async () => {
    const before = await withFreshClient((db) => countRows(db, auditLog));
    const response = await put({ enabled: true, message: "Closed", window: null }, null);
    expect(response.status).toBe(401);
    expect(await withFreshClient((db) => countRows(db, auditLog))).toBe(before);
  });

  it("switches maintenance on with its message and leaves an audit row in the same transaction", async () => {
    const response = await put({ enabled: true, message: "  Dyeing a new batch.  ", window: null });
    expect(response.status).toBe(200);
    expect((await response.json()).maintenance).toMatchObject({ enabled: true, message: "Dyeing a new batch.", window: null, isClosedNow: true });
    await withFreshClient(async (db) => {
      expect(await getSettings(db)).toMatchObject({ maintenanceMode: true, maintenanceMessage: "Dyeing a new batch.", maintenanceStartsAt: null });
      const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ actor: "admin:owner (owner@localhost)", action: "settings.maintenance_updated", entityType: "settings", entityId: "maintenance" });
      expect(audit!.data).toMatchObject({ before: { maintenanceMode: false }, after: { maintenanceMode: true, maintenanceMessage: "Dyeing a new batch." } });
    });
    // This instance forgets its cached flag at once rather than within 5 seconds.
    expect((await getMaintenanceState()).active).toBe(true);
  });

  it("stores a scheduled window given in shop time as UTC instants, and clears it again", async () => {
    const start = hourFromNow(2);
    const end = hourFromNow(3);
    const response = await put({ enabled: false, message: "Stocktake", window: { startsAt: start.wall, endsAt: end.wall } });
    expect(response.status).toBe(200);
    const { maintenance } = await response.json();
    expect(maintenance).toMatchObject({ window: { startsAt: start.wall, endsAt: end.wall }, isClosedNow: false });
    const stored = await withFreshClient((db) => getSettings(db));
    expect(stored.maintenanceStartsAt).toBe(`${start.utcMinute}:00.000Z`);
    expect(stored.maintenanceEndsAt).toBe(`${end.utcMinute}:00.000Z`);

    expect((await put({ enabled: false, message: "Stocktake", window: null })).status).toBe(200);
    await withFreshClient(async (db) => {
      expect(await getSettings(db)).toMatchObject({ maintenanceStartsAt: null, maintenanceEndsAt: null });
      expect(await db.select().from(siteSettings).where(eq(siteSettings.key, "maintenanceStartsAt"))).toEqual([]);
    });
  });

  it("refuses bad input with the field named, and writes nothing", async () => {
    const before = await withFreshClient((db) => countRows(db, auditLog));
    const cases: [unknown, number, string][] = [
      ["not json", 400, ""],
      [{ enabled: "yes", message: "x", window: null }, 400, "enabled"],
      [{ enabled: true, message: "   ", window: null }, 400, "message"],
      [{ enabled: true, message: "x".repeat(501), window: null }, 400, "message"],
      [{ enabled: true, message: "x", window: { startsAt: "2026-02-30T10:00", endsAt: "2026-03-01T10:00" } }, 400, "window.startsAt"],
      [{ enabled: true, message: "x", window: { startsAt: hourFromNow(3).wall, endsAt: hourFromNow(2).wall } }, 422, "window.endsAt"],
      [{ enabled: true, message: "x", window: { startsAt: "2020-01-01T10:00", endsAt: "2020-01-01T11:00" } }, 422, "window.endsAt"],
      [{ enabled: true, message: "x", window: null, extra: 1 }, 400, ""],
    ];
    for (const [body, status, path] of cases) {
      const response = await put(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const { error } = await response.json();
      if (path) expect(error.details.map((detail: { path: string }) => detail.path), JSON.stringify(body)).toContain(path);
    }
    expect(await withFreshClient((db) => countRows(db, auditLog))).toBe(before);
    expect((await withFreshClient((db) => getSettings(db))).maintenanceMode).toBe(false);
  });
});
