import { createClient } from "@libsql/client";
import { inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/checkout/session/route";
import { traceRoundTrips } from "@/lib/db/client";
import { checkouts, stockReservations } from "@/lib/db/schema";
import { createCart } from "@/tests/factories/cart";
import { checkoutRequest, noParams } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { createYarnShopShipping } from "@/tests/factories/shipping";

beforeAll(async () => {
  await createYarnShopShipping();
});

/** Runs SQL on a connection of its own (the app's are not to be borrowed for test plumbing). */
async function onFreshConnection(statement: string): Promise<void> {
  const client = createClient({ url: process.env.DATABASE_URL! });
  try {
    await client.execute(statement);
  } finally {
    client.close();
  }
}

describe("a checkout whose stock keeps moving between its read and its write", () => {
  it("tries the guarded write three times, then answers 409 conflict with nothing written", async () => {
    const yarn = await createVariant({ stock: 2 });
    const cartId = await createCart([{ variantId: yarn.variantId, quantity: 1 }]);
    // Every time the checkout row goes in, a rival checkout takes both units inside the same batch: the
    // quote read a moment earlier saw them free, the reservation's guard sees them gone, and the batch
    // rolls back — the rival's rows with it, so the next attempt meets the same race again.
    await onFreshConnection(`
      CREATE TRIGGER rival_takes_the_stock BEFORE INSERT ON checkouts WHEN NEW.id <> 'chk_rival'
      BEGIN
        INSERT INTO checkouts (id, cart_id, status, country, lines, quote, currency, subtotal, payment_provider, expires_at)
          SELECT 'chk_rival', 'cart_rival', 'open', 'GB', '[]', quote, currency, 0, 'local', NEW.expires_at FROM (SELECT NEW.quote AS quote, NEW.currency AS currency);
        INSERT INTO stock_reservations (checkout_id, variant_id, quantity, expires_at) VALUES ('chk_rival', ${yarn.variantId}, 2, NEW.expires_at);
      END`);
    let writeAttempts = 0;
    const stopTracing = traceRoundTrips((trip) => {
      if (trip.statements.some((statement) => /^insert into "checkouts"/i.test(statement))) writeAttempts += 1;
    });
    try {
      const response = await POST(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB" } }), noParams);
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("conflict");
      expect(error.message).toMatch(/Other shoppers are checking out the same items/);
      expect(writeAttempts).toBe(3);
    } finally {
      stopTracing();
      await onFreshConnection("DROP TRIGGER rival_takes_the_stock");
    }
    await withFreshClient(async (read) => {
      const [written] = await read.select({ n: sql<number>`count(*)` }).from(checkouts).where(inArray(checkouts.cartId, [cartId, "cart_rival"]));
      const [held] = await read.select({ n: sql<number>`count(*)` }).from(stockReservations).where(inArray(stockReservations.variantId, [yarn.variantId]));
      expect(Number(written!.n)).toBe(0);
      expect(Number(held!.n)).toBe(0);
    });

    // With the race gone, the same cart checks out at once.
    const retried = await POST(checkoutRequest("/api/checkout/session", { cartId, body: { country: "GB" } }), noParams);
    expect(retried.status).toBe(200);
  });
});
