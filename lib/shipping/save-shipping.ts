// The shipping zones' and rates' writer for the admin, each change with its audit row.
import { and, eq, inArray, ne } from "drizzle-orm";
import { writeTransaction, type Tx } from "@/lib/db";
import { isConstraintError } from "@/lib/db/errors";
import { shippingRates, shippingZoneCountries, shippingZones, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/app-error";
import { countryName } from "./country-name";
import type { RateInput, ZoneInput } from "./shipping-input";

const nameTaken = () => new AppError("conflict", "Another zone has that name.", [{ path: "name", message: "Another zone already has this name." }]);

/**
 * A country belongs to one zone at most: shipping_zone_countries has the country as its primary key,
 * so the database refuses a second zone. The lookup first turns the usual case into a message that
 * names the other zone; the constraint catches whatever slips past it.
 */
async function assertCountriesFree(tx: Tx, countries: readonly string[], zoneId: number | null): Promise<void> {
  if (countries.length === 0) return;
  const taken = await tx
    .select({ country: shippingZoneCountries.country, zoneName: shippingZones.name })
    .from(shippingZoneCountries)
    .innerJoin(shippingZones, eq(shippingZones.id, shippingZoneCountries.zoneId))
    .where(and(inArray(shippingZoneCountries.country, [...countries]), zoneId === null ? undefined : ne(shippingZoneCountries.zoneId, zoneId)));
  if (taken.length > 0) {
    const list = taken.map((row) => `${countryName(row.country)} (in ${row.zoneName})`).join(", ");
    throw new AppError("conflict", `A country can be in one zone only: ${list}.`, [
      { path: "countries", message: `Already in another zone: ${list}. Remove it there first.` },
    ]);
  }
}

async function writeGuarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConstraintError(error, "PRIMARYKEY") || isConstraintError(error, "UNIQUE")) {
      const message = String((error as { cause?: { message?: string } }).cause?.message ?? error);
      if (message.includes("shipping_zones.name")) throw nameTaken();
      throw new AppError("conflict", "A country can be in one zone only.", [{ path: "countries", message: "A country is already in another zone." }]);
    }
    throw error;
  }
}

export async function saveZone(zoneId: number | null, input: ZoneInput, actor: string): Promise<{ id: number }> {
  return writeTransaction(async (tx) => {
    const [clash] = await tx
      .select({ id: shippingZones.id })
      .from(shippingZones)
      .where(and(eq(shippingZones.name, input.name), zoneId === null ? undefined : ne(shippingZones.id, zoneId)));
    if (clash) throw nameTaken();
    await assertCountriesFree(tx, input.countries, zoneId);
    let id = zoneId;
    if (id === null) {
      const [zone] = await writeGuarded(() => tx.insert(shippingZones).values({ name: input.name }).returning({ id: shippingZones.id }));
      id = zone!.id;
    } else {
      const [zone] = await writeGuarded(() =>
        tx.update(shippingZones).set({ name: input.name, updatedAt: sqlNow }).where(eq(shippingZones.id, zoneId!)).returning({ id: shippingZones.id }),
      );
      if (!zone) throw new AppError("not_found", "That shipping zone was not found.");
      await tx.delete(shippingZoneCountries).where(eq(shippingZoneCountries.zoneId, id));
    }
    const zone = id;
    if (input.countries.length > 0) {
      await writeGuarded(() => tx.insert(shippingZoneCountries).values(input.countries.map((country) => ({ country, zoneId: zone }))));
    }
    await recordAudit(tx, { actor, action: zoneId === null ? "shipping_zone.created" : "shipping_zone.updated", entityType: "shipping_zone", entityId: id, data: { ...input } });
    return { id };
  });
}

/** Its countries and rates go with it; past orders keep their shipping method's name and price. */
export async function deleteZone(zoneId: number, actor: string): Promise<void> {
  return writeTransaction(async (tx) => {
    const [zone] = await tx.delete(shippingZones).where(eq(shippingZones.id, zoneId)).returning();
    if (!zone) throw new AppError("not_found", "That shipping zone was not found.");
    await recordAudit(tx, { actor, action: "shipping_zone.deleted", entityType: "shipping_zone", entityId: zoneId, data: { name: zone.name } });
  });
}

export async function createRate(zoneId: number, input: RateInput, actor: string): Promise<{ id: number }> {
  return writeTransaction(async (tx) => {
    const [zone] = await tx.select({ id: shippingZones.id }).from(shippingZones).where(eq(shippingZones.id, zoneId));
    if (!zone) throw new AppError("not_found", "That shipping zone was not found.");
    const [rate] = await tx.insert(shippingRates).values({ ...input, zoneId }).returning({ id: shippingRates.id });
    await recordAudit(tx, { actor, action: "shipping_rate.created", entityType: "shipping_rate", entityId: rate!.id, data: { zoneId, ...input } });
    return rate!;
  });
}

export async function updateRate(rateId: number, input: RateInput, actor: string): Promise<{ id: number }> {
  return writeTransaction(async (tx) => {
    const [rate] = await tx.update(shippingRates).set({ ...input, updatedAt: sqlNow }).where(eq(shippingRates.id, rateId)).returning({ id: shippingRates.id });
    if (!rate) throw new AppError("not_found", "That shipping rate was not found.");
    await recordAudit(tx, { actor, action: "shipping_rate.updated", entityType: "shipping_rate", entityId: rateId, data: { ...input } });
    return rate;
  });
}

export async function deleteRate(rateId: number, actor: string): Promise<void> {
  return writeTransaction(async (tx) => {
    const [rate] = await tx.delete(shippingRates).where(eq(shippingRates.id, rateId)).returning();
    if (!rate) throw new AppError("not_found", "That shipping rate was not found.");
    await recordAudit(tx, { actor, action: "shipping_rate.deleted", entityType: "shipping_rate", entityId: rateId, data: { name: rate.name, zoneId: rate.zoneId } });
  });
}
