import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { saveSettings } from "@/lib/settings";
import { forgetMaintenanceSettings, getMaintenanceState, MAINTENANCE_CACHE_MS, maintenanceSettingsReads } from "./maintenance-flag";

const T0 = new Date("2026-12-01T10:00:00.000Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

beforeEach(async () => {
  await writeTransaction((tx) => saveSettings(tx, { maintenanceMode: false, maintenanceStartsAt: null, maintenanceEndsAt: null }));
  forgetMaintenanceSettings();
});
afterEach(() => forgetMaintenanceSettings());

describe("the maintenance flag's cache", () => {
  it("reads the database at most once per 5 seconds, and once for many requests at the same moment", async () => {
    const before = maintenanceSettingsReads();
    await Promise.all(Array.from({ length: 20 }, () => getMaintenanceState(T0)));
    await getMaintenanceState(after(MAINTENANCE_CACHE_MS - 1));
    expect(maintenanceSettingsReads() - before).toBe(1);
    await getMaintenanceState(after(MAINTENANCE_CACHE_MS));
    expect(maintenanceSettingsReads() - before).toBe(2);
  });

  it("applies an owner's change within 5 seconds", async () => {
    expect((await getMaintenanceState(T0)).active).toBe(false);
    await writeTransaction((tx) => saveSettings(tx, { maintenanceMode: true }));
    expect((await getMaintenanceState(after(4_999))).active).toBe(false);
    expect((await getMaintenanceState(after(5_000))).active).toBe(true);
  });

  it("opens and closes a scheduled window on the exact millisecond, whatever the cache's age", async () => {
    await writeTransaction((tx) => saveSettings(tx, { maintenanceStartsAt: after(1_000).toISOString(), maintenanceEndsAt: after(3_000).toISOString() }));
    const before = maintenanceSettingsReads();
    expect((await getMaintenanceState(after(999))).active).toBe(false);
    expect((await getMaintenanceState(after(1_000))).active).toBe(true);
    expect((await getMaintenanceState(after(2_999))).active).toBe(true);
    expect((await getMaintenanceState(after(3_000))).active).toBe(false);
    expect(maintenanceSettingsReads() - before).toBe(1);
  });
});
