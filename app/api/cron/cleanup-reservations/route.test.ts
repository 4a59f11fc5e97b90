import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeTransaction } from "@/lib/db";
import { checkouts, collections, stockReservations, uploads } from "@/lib/db/schema";
import { env, resetEnvForTests } from "@/lib/env";
import { cronAuthGlobalThrottle, cronAuthThrottle } from "@/lib/http/cron-route";
import { getAvailability } from "@/lib/inventory/availability";
import { saveSettings } from "@/lib/settings";
import { isoAfter } from "@/lib/time";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { createCheckout } from "@/tests/factories/checkout";
import { createCollection, createProduct, createVariant } from "@/tests/factories/product";
import { POST as upload } from "@/app/api/admin/uploads/route";
import { useOwnerLogin } from "@/tests/factories/admin-env";
import { photo, storedFiles, uploadRequest } from "@/tests/factories/photo";
import { deliver } from "@/tests/factories/webhook";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GET } from "./route";

function cron(authorization?: string, client?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  if (client) headers["x-forwarded-for"] = client; // one trusted proxy in tests: this is the caller's address
  return GET(new NextRequest("http://localhost/api/cron/cleanup-reservations", { headers }), { params: Promise.resolve({}) });
}

const bearer = () => `Bearer ${env().CRON_SECRET}`;

async function checkoutState(checkoutId: string) {
  return withFreshClient(async (db) => ({
    status: (await db.select().from(checkouts).where(eq(checkouts.id, checkoutId)))[0]!.status,
    reservations: (await db.select().from(stockReservations).where(eq(stockReservations.checkoutId, checkoutId))).length,
  }));
}

describe("GET /api/cron/cleanup-reservations – access", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    vi.restoreAllMocks();
  });

  it("answers 401 JSON without the secret, with a wrong one, or with a different scheme", async () => {
    for (const header of [undefined, "Bearer wrong-secret", `Basic ${env().CRON_SECRET}`, `Bearer ${env().CRON_SECRET}x`]) {
      const response = await cron(header);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
  });

  it("in production with no CRON_SECRET configured stays closed with 503 and logs why", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CRON_SECRET", undefined);
    resetEnvForTests();
    const response = await cron("Bearer anything");
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("unavailable");
    expect(logged.mock.calls.flat().join(" ")).toContain("CRON_SECRET");
  });

  it("slows down wrong bearers from one address with 429 and Retry-After, even for the right one, without blocking other callers", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await cron(`Bearer guess-${i}`, "192.0.2.41")).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await cron(bearer(), "192.0.2.41");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: { code: "too_many_requests", details: { retryAfterSeconds: expect.any(Number) } } });
    expect((await cron(bearer(), "192.0.2.42")).status).toBe(200);
    cronAuthThrottle.recordSuccess("192.0.2.41");
    cronAuthGlobalThrottle.recordSuccess("all");
  });

  it("has a global budget for wrong bearers that rotating addresses cannot escape", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    cronAuthGlobalThrottle.recordSuccess("all"); // earlier tests' wrong bearers count too
    const statuses = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await cron(`Bearer guess-${i}`, `100.80.${i}.1`)).status);
    expect(statuses.slice(0, 19).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const fresh = await cron("Bearer yet-another-guess", "100.80.200.1");
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(0);
    cronAuthGlobalThrottle.recordSuccess("all");
    expect((await cron(bearer(), "100.80.201.1")).status).toBe(200);
  });

  it("does not count requests that present no bearer at all: stray traffic cannot pause the jobs", async () => {
    cronAuthGlobalThrottle.recordSuccess("all");
    for (let i = 0; i < 30; i += 1) expect((await cron(undefined, "192.0.2.60")).status).toBe(401);
    expect((await cron(bearer(), "192.0.2.60")).status).toBe(200);
  });

  it("in production refuses a one-letter CRON_SECRET: cron stays closed with 503 and the log names it", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CRON_SECRET", "a");
    resetEnvForTests();
    const response = await cron("Bearer a");
    expect(response.status).toBe(503);
    expect(logged.mock.calls.flat().join(" ")).toContain("CRON_SECRET");
  });

  it("in production accepts the configured secret", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CRON_SECRET", "a-production-cron-secret-0123456789abcdef");
    resetEnvForTests();
    expect((await cron("Bearer a-production-cron-secret-0123456789abcdef")).status).toBe(200);
  });
});

describe("GET /api/cron/cleanup-reservations – expiry", () => {
  it("deletes lapsed holds, expires their open checkouts, leaves live ones alone, and does nothing the second time", async () => {
    const variant = await createVariant({ stock: 5 });
    const lapsed = await createCheckout({ lines: [{ variant, quantity: 2 }], expiresAt: isoAfter(-60_000) });
    const live = await createCheckout({ lines: [{ variant, quantity: 1 }] });

    const first = await cron(bearer());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, reservationsDeleted: 1, checkoutsExpired: 1, waitlistEmailsQueued: expect.any(Number), uploadsDeleted: 0 });
    expect(await checkoutState(lapsed.id)).toEqual({ status: "expired", reservations: 0 });
    expect(await checkoutState(live.id)).toEqual({ status: "open", reservations: 1 });

    const second = await cron(bearer());
    expect(await second.json()).toEqual({ ok: true, reservationsDeleted: 0, checkoutsExpired: 0, waitlistEmailsQueued: expect.any(Number), uploadsDeleted: 0 });
  });

  it("keeps the hold of a completed checkout waiting for a delayed payment", async () => {
    const variant = await createVariant({ stock: 5 });
    const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await deliver(buildCheckoutSessionEvent(checkout, { paymentStatus: "unpaid" }));
    await cron(bearer());
    expect(await checkoutState(checkout.id)).toEqual({ status: "completed", reservations: 1 });
  });

  it("runs safely alongside checkouts being created: every hold made stays, every lapsed one goes", async () => {
    const variant = await createVariant({ stock: 40 });
    const lapsed = await Promise.all(Array.from({ length: 5 }, () => createCheckout({ lines: [{ variant, quantity: 1 }], expiresAt: isoAfter(-1000) })));
    const [responses, fresh] = await Promise.all([
      Promise.all(Array.from({ length: 4 }, () => cron(bearer()))),
      Promise.all(Array.from({ length: 10 }, () => createCheckout({ lines: [{ variant, quantity: 2 }] }))),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const totals = await Promise.all(responses.map((response) => response.json()));
    expect(totals.reduce((sum, body) => sum + body.reservationsDeleted, 0)).toBe(5);
    for (const checkout of lapsed) expect((await checkoutState(checkout.id)).status).toBe("expired");
    for (const checkout of fresh) expect(await checkoutState(checkout.id)).toEqual({ status: "open", reservations: 1 });
    const availability = await withFreshClient((db) => getAvailability(db, [variant.variantId]));
    expect(availability.get(variant.variantId)).toMatchObject({ stock: 40, reserved: 20, available: 20 });
  });

  it("also clears holds left behind by checkouts that ended another way", async () => {
    const variant = await createVariant({ stock: 5 });
    const replaced = await createCheckout({ lines: [{ variant, quantity: 1 }] });
    await writeTransaction((tx) => tx.update(checkouts).set({ status: "replaced" }).where(eq(checkouts.id, replaced.id)));
    const body = await (await cron(bearer())).json();
    expect(body.reservationsDeleted).toBe(1);
    expect(await checkoutState(replaced.id)).toEqual({ status: "replaced", reservations: 0 });
  });
});

describe("GET /api/cron/cleanup-reservations – unused photos", () => {
  async function uploadPhoto(): Promise<{ id: string; url: string }> {
    const response = await upload(uploadRequest(await photo("png"), { name: "p.png", type: "image/png" }), { params: Promise.resolve({}) });
    return (await response.json()) as { id: string; url: string };
  }
  const fileOf = (url: string) => url.replace(/^\/uploads\//, "");

  it("removes a photo nothing has used for a day, keeps every photo a product, a collection or the emails' logo shows, and fresh uploads", async () => {
    useOwnerLogin({ CRON_SECRET: env().CRON_SECRET });
    const [orphan, onProduct, onCollection, logo, fresh] = [await uploadPhoto(), await uploadPhoto(), await uploadPhoto(), await uploadPhoto(), await uploadPhoto()];
    await createProduct({ images: [{ url: onProduct.url, alt: "In use" }] });
    const collection = await createCollection();
    await writeTransaction(async (tx) => {
      await tx.update(collections).set({ imageUrl: onCollection.url }).where(eq(collections.id, collection.id));
      await saveSettings(tx, { logoUrl: logo.url });
      // Uploaded two days ago; `fresh` stays as it is, minutes old.
      for (const old of [orphan, onProduct, onCollection, logo]) await tx.update(uploads).set({ createdAt: isoAfter(-2 * 24 * 3_600_000) }).where(eq(uploads.id, old.id));
    });

    const body = await (await cron(bearer())).json();
    expect(body.uploadsDeleted).toBe(1);
    const kept = await withFreshClient((db) => db.select({ id: uploads.id }).from(uploads));
    expect(kept.map((row) => row.id).sort()).toEqual([onProduct.id, onCollection.id, logo.id, fresh.id].sort());
    expect(storedFiles()).not.toContain(fileOf(orphan.url));
    for (const photoInUse of [onProduct, onCollection, logo, fresh]) expect(storedFiles()).toContain(fileOf(photoInUse.url));

    expect((await (await cron(bearer())).json()).uploadsDeleted).toBe(0);
  });
});
