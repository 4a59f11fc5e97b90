import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConstraintError, writeTransaction } from "@/lib/db";
import { auditLog, shippingRates, shippingZoneCountries, shippingZones } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GET as preview } from "../preview/route";
import { DELETE as deleteRate, PATCH as patchRate } from "../rates/[id]/route";
import { POST as postRate } from "./[id]/rates/route";
import { DELETE as deleteZone, PATCH as patchZone } from "./[id]/route";
import { POST } from "./route";

type ErrorJson = { error: { code: string; message: string; details?: unknown } };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const cookie = () => ownerCookie();
const createZone = async (body: unknown) => POST(adminRequest("/api/admin/shipping/zones", { method: "POST", body, cookie: cookie() }), params(0));
const zoneCountries = (zoneId: number) =>
  withFreshClient(async (read) => (await read.select().from(shippingZoneCountries).where(eq(shippingZoneCountries.zoneId, zoneId))).map((row) => row.country).sort());

const rate = { name: "Tracked 48", minWeightGrams: 0, maxWeightGrams: 1000, price: 395, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true };

describe("the admin's shipping API", () => {
  it("creates a zone with its countries and replaces them on edit, with audit rows", async () => {
    const response = await createZone({ name: "Iberia", countries: ["es", "PT"] });
    expect(response.status).toBe(201);
    const { zone } = (await response.json()) as { zone: { id: number } };
    expect(await zoneCountries(zone.id)).toEqual(["ES", "PT"]);
    const edited = await patchZone(adminRequest(`/api/admin/shipping/zones/${zone.id}`, { method: "PATCH", body: { name: "Iberia and Andorra", countries: ["ES", "AD"] }, cookie: cookie() }), params(zone.id));
    expect(edited.status).toBe(200);
    expect(await zoneCountries(zone.id)).toEqual(["AD", "ES"]);
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityType, "shipping_zone")));
    expect(audit.filter((row) => row.entityId === String(zone.id)).map((row) => row.action)).toEqual(["shipping_zone.created", "shipping_zone.updated"]);
  });

  it("keeps a country in one zone at most: the API answers 409 naming the other zone, and the database refuses it too", async () => {
    const first = (await (await createZone({ name: "Benelux", countries: ["BE", "NL"] })).json()) as { zone: { id: number } };
    const second = await createZone({ name: "Low countries", countries: ["NL", "LU"] });
    expect(second.status).toBe(409);
    const body = (await second.json()) as ErrorJson;
    expect(body.error.details).toEqual([{ path: "countries", message: expect.stringContaining("Netherlands (in Benelux)") }]);
    expect(await withFreshClient((read) => read.select().from(shippingZones).where(eq(shippingZones.name, "Low countries")))).toEqual([]);

    // Moving a country by editing another zone is refused the same way, and changes nothing.
    const other = (await (await createZone({ name: "Nordics", countries: ["SE"] })).json()) as { zone: { id: number } };
    const moved = await patchZone(adminRequest(`/api/admin/shipping/zones/${other.zone.id}`, { method: "PATCH", body: { name: "Nordics", countries: ["SE", "BE"] }, cookie: cookie() }), params(other.zone.id));
    expect(moved.status).toBe(409);
    expect(await zoneCountries(other.zone.id)).toEqual(["SE"]);

    // Without the API's check, the primary key on the country still refuses a second zone.
    const direct = writeTransaction(async (tx) => {
      await tx.insert(shippingZoneCountries).values({ country: "BE", zoneId: other.zone.id });
    });
    await expect(direct).rejects.toSatisfy((error: unknown) => isConstraintError(error));
    expect(await zoneCountries(first.zone.id)).toEqual(["BE", "NL"]);
  });

  it("refuses a duplicate zone name and unknown country codes with field errors", async () => {
    await createZone({ name: "Alps", countries: ["CH"] });
    const duplicate = await createZone({ name: "Alps", countries: ["AT"] });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "name" })]);
    const unknown = await createZone({ name: "Nowhere", countries: ["QQ"] });
    expect(unknown.status).toBe(400);
  });

  it("adds, edits and deletes weight-banded rates, and the preview shows what a shopper would see", async () => {
    const { zone } = (await (await createZone({ name: "France", countries: ["FR"] })).json()) as { zone: { id: number } };
    const created = await postRate(adminRequest(`/api/admin/shipping/zones/${zone.id}/rates`, { method: "POST", body: rate, cookie: cookie() }), params(zone.id));
    expect(created.status).toBe(201);
    const { rate: saved } = (await created.json()) as { rate: { id: number } };
    const heavy = await postRate(
      adminRequest(`/api/admin/shipping/zones/${zone.id}/rates`, { method: "POST", body: { ...rate, name: "Heavy", minWeightGrams: 1001, maxWeightGrams: null, price: 1200 }, cookie: cookie() }),
      params(zone.id),
    );
    expect(heavy.status).toBe(201);

    const look = async (country: string, weight: number) =>
      (await (await preview(adminRequest(`/api/admin/shipping/preview?country=${country}&weight=${weight}`, { cookie: cookie() }), params(0))).json()) as {
        isServed: boolean;
        quote?: { options: { name: string; amount: number }[] };
        message?: string;
      };
    expect((await look("fr", 400)).quote!.options).toEqual([expect.objectContaining({ name: "Tracked 48", amount: 395 })]);
    expect((await look("FR", 2500)).quote!.options).toEqual([expect.objectContaining({ name: "Heavy", amount: 1200 })]);
    expect(await look("JP", 400)).toMatchObject({ isServed: false, message: expect.stringContaining("Japan") });

    const badBand = await patchRate(adminRequest(`/api/admin/shipping/rates/${saved.id}`, { method: "PATCH", body: { ...rate, minWeightGrams: 500, maxWeightGrams: 100 }, cookie: cookie() }), params(saved.id));
    expect(badBand.status).toBe(400);
    expect(((await badBand.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "maxWeightGrams" })]);

    const repriced = await patchRate(adminRequest(`/api/admin/shipping/rates/${saved.id}`, { method: "PATCH", body: { ...rate, price: 450 }, cookie: cookie() }), params(saved.id));
    expect(repriced.status).toBe(200);
    expect((await look("FR", 400)).quote!.options[0]!.amount).toBe(450);

    expect((await deleteRate(adminRequest(`/api/admin/shipping/rates/${saved.id}`, { method: "DELETE", cookie: cookie() }), params(saved.id))).status).toBe(200);
    expect(await look("FR", 400)).toMatchObject({ isServed: false });

    expect((await deleteZone(adminRequest(`/api/admin/shipping/zones/${zone.id}`, { method: "DELETE", cookie: cookie() }), params(zone.id))).status).toBe(200);
    expect(await withFreshClient((read) => read.select().from(shippingRates).where(eq(shippingRates.zoneId, zone.id)))).toEqual([]);
    expect(await zoneCountries(zone.id)).toEqual([]);
  });
});
