// The orders CSV through the real handler: headers, BOM, quoting, London day edges, filters, paging.
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createAdminOrder, createCustomer, createStockedVariant } from "@/tests/factories/admin-orders";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { GET } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

function exportCsv(query: string) {
  return GET(adminRequest(`/api/admin/orders/export?${query}`, { cookie: ownerCookie() }), { params: Promise.resolve({}) });
}

async function rowsOf(response: Response): Promise<Record<string, string>[]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // response.text() would quietly drop the BOM: read the bytes to prove it is there.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe("GET /api/admin/orders/export", () => {
  it("answers a UTF-8 CSV download named after the range, with a BOM, a header and one readable row per order", async () => {
    const variant = await createStockedVariant({ productName: "Moorland Merino", variantName: "Heather / 4ply", price: 1250 });
    const customer = await createCustomer({ name: "Aurélie Dubois, \"Knits\"", email: "aurelie@example.com" });
    const order = await createAdminOrder({ customer, lines: [{ variant, quantity: 2 }], shippingTotal: 395, discountTotal: 250, discountCode: "WELCOME10", createdAt: "2026-02-10T12:00:00.000Z" });

    const response = await exportCsv("from=2026-02-01&to=2026-02-28");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="orders-2026-02-01-to-2026-02-28.csv"');
    const rows = await rowsOf(response);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      "Order number": order.orderNumber,
      Date: "2026-02-10 12:00",
      "Customer name": "Aurélie Dubois, \"Knits\"",
      Email: "aurelie@example.com",
      Items: "2 × Moorland Merino (Heather / 4ply)",
      Subtotal: "25.00",
      Shipping: "3.95",
      "Discount code": "WELCOME10",
      Discount: "2.50",
      Total: "26.45",
      Currency: "GBP",
      Status: "processing",
      "Payment status": "paid",
      "Shipping method": "Royal Mail Tracked 48",
      Country: "United Kingdom",
      "Country code": "GB",
    });
  });

  it("includes 23:59 London time on the last day and 00:00 on the first, and leaves out the minutes either side (BST)", async () => {
    const inside = ["2026-06-30T23:00:00.000Z", "2026-07-31T22:59:00.000Z"]; // 00:00 on 1 July, 23:59 on 31 July
    const outside = ["2026-06-30T22:59:00.000Z", "2026-07-31T23:00:00.000Z"]; // 23:59 on 30 June, 00:00 on 1 August
    const made = new Map<string, string>();
    for (const createdAt of [...inside, ...outside]) made.set((await createAdminOrder({ createdAt })).orderNumber, createdAt);
    const rows = await rowsOf(await exportCsv("from=2026-07-01&to=2026-07-31"));
    expect(rows.map((row) => made.get(row["Order number"]!)).sort()).toEqual(inside);
    expect(rows.map((row) => row.Date)).toEqual(["2026-07-01 00:00", "2026-07-31 23:59"]);
  });

  it("filters by status, and neutralises formula cells a shopper could type", async () => {
    await createAdminOrder({ createdAt: "2026-03-05T10:00:00.000Z", name: "=HYPERLINK(\"http://evil.example\")" });
    const shipped = await createAdminOrder({ createdAt: "2026-03-06T10:00:00.000Z", status: "shipped" });
    const rows = await rowsOf(await exportCsv("from=2026-03-01&to=2026-03-31&status=shipped"));
    expect(rows.map((row) => row["Order number"])).toEqual([shipped.orderNumber]);
    const all = await rowsOf(await exportCsv("from=2026-03-01&to=2026-03-31"));
    expect(all.map((row) => row["Customer name"])).toContain("'=HYPERLINK(\"http://evil.example\")");
  });

  it("gives one row per line item with lines=1", async () => {
    const a = await createStockedVariant({ productName: "Mohair Lace", variantName: "Moss", price: 1400 });
    const b = await createStockedVariant({ productName: "Alpaca DK", variantName: "Slate", price: 2000 });
    const order = await createAdminOrder({ createdAt: "2026-04-02T09:00:00.000Z", lines: [{ variant: a, quantity: 1 }, { variant: b, quantity: 3 }] });
    const rows = await rowsOf(await exportCsv("from=2026-04-01&to=2026-04-30&lines=1"));
    expect(rows.map((row) => [row["Order number"], row.Product, row.Variant, row.Quantity, row["Unit price"], row["Line total"]])).toEqual([
      [order.orderNumber, "Mohair Lace", "Moss", "1", "14.00", "14.00"],
      [order.orderNumber, "Alpaca DK", "Slate", "3", "20.00", "60.00"],
    ]);
  });

  it("pages through more orders than one read holds, each exactly once and in date order", async () => {
    const count = 1_234;
    await writeTransaction(async (tx) => {
      const values = Array.from({ length: count }, (_, i) => ({
        orderSeq: 500_000 + i,
        orderNumber: `BULK-${500_000 + i}`,
        email: `bulk${i}@example.com`,
        currency: "GBP",
        subtotal: 1000,
        total: 1000,
        lookupToken: `bulk-token-${i}`,
        // Several orders share each millisecond, so the id breaks ties in the keyset.
        createdAt: new Date(Date.UTC(2026, 4, 1, 8) + Math.floor(i / 3) * 1000).toISOString(),
      }));
      for (let i = 0; i < values.length; i += 200) await tx.insert(orders).values(values.slice(i, i + 200));
    });
    const rows = await rowsOf(await exportCsv("from=2026-05-01&to=2026-05-31"));
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((row) => row["Order number"])).size).toBe(count);
    expect(rows[0]!["Order number"]).toBe("BULK-500000");
    expect(rows[count - 1]!["Order number"]).toBe(`BULK-${500_000 + count - 1}`);
  });

  it("answers malformed dates with 400 JSON", async () => {
    for (const query of ["from=2026-13-01&to=2026-12-31", "from=01/02/2026&to=2026-03-01", "to=2026-03-01", "from=2026-03-02&to=2026-03-01", "from=2026-03-01&to=2026-03-02&status=lost"]) {
      const response = await exportCsv(query);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "validation_error" } });
    }
  });
});
