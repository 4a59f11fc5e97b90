import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CART_COOKIE } from "@/lib/cart/cart-cookie";
import { writeTransaction } from "@/lib/db";
import { forgetMaintenanceSettings } from "@/lib/maintenance/maintenance-flag";
import { saveSettings, type Settings } from "@/lib/settings";
import type { LiveState } from "@/lib/storefront/live-state";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { ownerSessionToken } from "@/tests/factories/admin-requests";
import { createCart } from "@/tests/factories/cart";
import { createReservation } from "@/tests/factories/checkout";
import { type CreatedProduct, createProduct } from "@/tests/factories/product";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { GET, POST } from "./route";

const context = { params: Promise.resolve({}) };

async function live(query = "", cookies: Record<string, string> = {}) {
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  const request = new NextRequest(`http://localhost/api/storefront/live${query}`, { headers: cookie ? { cookie } : {} });
  const response = await GET(request, context);
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: (await response.json()) as LiveState & { error?: { code: string; message: string } } };
}

async function setMaintenance(changes: Partial<Settings>) {
  await writeTransaction((tx) => saveSettings(tx, { maintenanceMode: false, maintenanceStartsAt: null, maintenanceEndsAt: null, ...changes }));
  forgetMaintenanceSettings();
}

let yarn: CreatedProduct;

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(async () => {
  await setMaintenance({});
  yarn = await createProduct({
    name: "Meadow Sock",
    variants: [
      { options: { colour: "Heather" }, price: 1850, stock: 12 },
      { options: { colour: "Moss" }, price: 2000, stock: 3 },
    ],
  });
});

describe("GET /api/storefront/live", () => {
  it("gives a visitor without a cart a zero count, no banner and nothing cached on the way", async () => {
    const { status, cacheControl, body } = await live();
    expect(status).toBe(200);
    expect(cacheControl).toBe("no-store");
    expect(body).toEqual({ cartCount: 0, closedShop: null, availability: {} });
  });

  it("counts the units in the visitor's cart, as the cart page does", async () => {
    const [heather, moss] = yarn.variants;
    const cartId = await createCart([
      { variantId: heather!.id, quantity: 2 },
      { variantId: moss!.id, quantity: 1 },
    ]);
    expect((await live("", { [CART_COOKIE]: cartId })).body.cartCount).toBe(3);
    expect((await live("", { [CART_COOKIE]: "not-a-cart-token" })).body.cartCount).toBe(0);
  });

  it("answers what can be bought now per asked variant: stock less live holds, unknown ids left out", async () => {
    const [heather, moss] = yarn.variants;
    await createReservation({ variantId: moss!.id, quantity: 3 });
    await createReservation({ variantId: heather!.id, quantity: 2 });
    const { body } = await live(`?variants=${heather!.id},${moss!.id},999999`);
    expect(body.availability).toEqual({ [String(heather!.id)]: { available: 10 }, [String(moss!.id)]: { available: 0 } });
  });

  it("shows the closed-shop banner to the signed-in owner in a closed shop only", async () => {
    const owner = { [OWNER_SESSION_COOKIE]: ownerSessionToken() };
    expect((await live("", owner)).body.closedShop).toBeNull();

    await setMaintenance({ maintenanceStartsAt: "2020-01-01T00:00:00.000Z", maintenanceEndsAt: "2099-07-01T16:30:00.000Z" });
    expect((await live("", owner)).body.closedShop).toEqual({ endsAt: "2099-07-01T16:30:00.000Z" });

    await setMaintenance({ maintenanceMode: true });
    expect((await live("", owner)).body.closedShop).toEqual({ endsAt: null });
    // A shopper, or a forged session, meets the shop's closed door before any of this is read.
    const shopper = await live();
    expect(shopper.status).toBe(503);
    expect(shopper.body.error?.code).toBe("maintenance");
    expect((await live("", { [OWNER_SESSION_COOKIE]: `${ownerSessionToken()}x` })).status).toBe(503);
  });

  it("refuses a malformed or oversized variant list with a 400 and a reason", async () => {
    for (const query of ["?variants=", "?variants=1,,2", "?variants=abc", "?variants=-3", "?variants=0", `?variants=${Array.from({ length: 201 }, (_, index) => index + 1).join(",")}`]) {
      const { status, body } = await live(query);
      expect(status, query).toBe(400);
      expect(body.error?.code, query).toBe("validation_error");
    }
  });

  it("accepts no writes", async () => {
    const response = await POST(new NextRequest("http://localhost/api/storefront/live", { method: "POST" }), context);
    expect(response.status).toBe(405);
  });
});
