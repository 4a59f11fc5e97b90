import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { shopDayOf } from "@/lib/shop-calendar";
import { insertProduct, insertSale, insertSessions } from "@/tests/factories/analytics";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { GET } from "./route";

const context = { params: Promise.resolve({}) };
const get = (query: string, cookie?: string) => GET(adminRequest(`/api/admin/analytics${query}`, { cookie }), context);

beforeAll(async () => {
  useOwnerLogin();
  const now = Date.now();
  await writeTransaction(async (tx) => {
    const moss = await insertProduct(tx, "Moss Merino");
    const line = { productId: moss, name: "Moss Merino", sku: "MOSS", unitPrice: 1800, quantity: 1 };
    await insertSale(tx, { createdAt: new Date(now - 60_000).toISOString(), total: 2195, lines: [line] });
    await insertSale(tx, { createdAt: new Date(now - 2 * 86_400_000).toISOString(), total: 3995, amountRefunded: 995, paymentStatus: "partially_refunded", lines: [line] });
    // Visits counted since before both orders, so both are divided by them.
    await insertSessions(tx, shopDayOf(new Date(now - 3 * 86_400_000)), 4);
  });
});
afterAll(() => restoreAdminEnv());

describe("GET /api/admin/analytics", () => {
  it("refuses anyone but an admin", async () => {
    const response = await get("?range=30d");
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("answers the report's figures for the last 30 days beside the 30 before", async () => {
    const response = await get("?range=30d", ownerCookie());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining([
        "revenue",
        "orderCount",
        "averageOrderValue",
        "conversionRate",
        "checkoutConversionRate",
        "abandonedCheckouts",
        "refunded",
        "discountUsage",
        "topProducts",
        "series",
        "previous",
      ]),
    );
    expect(body).toMatchObject({ range: "30d", days: 30, revenue: 2195 + 3000, orderCount: 2, averageOrderValue: 2598, sessions: 4, conversionRate: 0.5 });
    expect(body.topProducts.byRevenue).toEqual([{ name: "Moss Merino", sku: "MOSS", quantity: 2, revenue: 3600 }]);
    expect(body.series).toHaveLength(30);
    expect(body.previous).toMatchObject({ days: 30, revenue: 0, orderCount: 0, averageOrderValue: null });
  });

  it("defaults to 30 days and answers 400 with details for a bad range", async () => {
    expect((await (await get("", ownerCookie())).json()).range).toBe("30d");
    for (const query of ["?range=1y", "?range=custom&from=2026-01-10", "?range=custom&from=2026-01-10&to=2026-01-01", "?range=custom&from=yesterday&to=today"]) {
      const response = await get(query, ownerCookie());
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe("validation_error");
    }
  });
});
