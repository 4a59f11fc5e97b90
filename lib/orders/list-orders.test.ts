import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAdminOrder, createCustomer } from "@/tests/factories/admin-orders";
import { listOrders, orderListQuery, PAGE_SIZE } from "./list-orders";
import { writeTransaction } from "@/lib/db";
import { orders } from "@/lib/db/schema";

const list = async (query: Record<string, string> = {}) => listOrders(await db(), orderListQuery.parse(query));

let numbers: { processing: string; shipped: string; held: string; byName: string };

beforeAll(async () => {
  const customer = await createCustomer({ name: "Florence Nightingale", email: "flo@example.com" });
  const processing = await createAdminOrder({ email: "search-me@example.com", createdAt: "2026-01-05T10:00:00.000Z" });
  const shipped = await createAdminOrder({ status: "shipped", createdAt: "2026-01-06T10:00:00.000Z" });
  const held = await createAdminOrder({ status: "on_hold", flags: ["stock_shortfall"], createdAt: "2026-01-07T10:00:00.000Z" });
  const byName = await createAdminOrder({ customer, createdAt: "2026-01-08T10:00:00.000Z" });
  numbers = { processing: processing.orderNumber, shipped: shipped.orderNumber, held: held.orderNumber, byName: byName.orderNumber };
});

describe("the admin order list", () => {
  it("finds an order by its number (with or without prefix), an email prefix, or the customer's name", async () => {
    expect((await list({ q: numbers.shipped })).rows.map((row) => row.orderNumber)).toEqual([numbers.shipped]);
    expect((await list({ q: numbers.shipped.replace(/^\D+/, "") })).rows.map((row) => row.orderNumber)).toEqual([numbers.shipped]);
    expect((await list({ q: "Search-Me@" })).rows.map((row) => row.orderNumber)).toEqual([numbers.processing]);
    const byName = await list({ q: "nightingale" });
    expect(byName.rows.map((row) => [row.orderNumber, row.customerName])).toEqual([[numbers.byName, "Florence Nightingale"]]);
    expect((await list({ q: "nobody-like-this" })).rows).toEqual([]);
  });


  it("filters by status, flag and London dates, and counts every status under the other filters", async () => {
    const shipped = await list({ status: "shipped" });
    expect(shipped.rows.map((row) => row.orderNumber)).toEqual([numbers.shipped]);
    expect(shipped.statusCounts).toMatchObject({ processing: 2, shipped: 1, on_hold: 1, cancelled: 0 });
    expect((await list({ flag: "stock_shortfall" })).rows.map((row) => row.orderNumber)).toEqual([numbers.held]);
    expect((await list({ from: "2026-01-06", to: "2026-01-07" })).rows.map((row) => row.orderNumber)).toEqual([numbers.held, numbers.shipped]);
    expect((await list({ sort: "oldest" })).rows[0]!.orderNumber).toBe(numbers.processing);
  });

  it("pages forwards and back with cursors, each order once", async () => {
    await writeTransaction(async (tx) => {
      await tx.insert(orders).values(
        Array.from({ length: PAGE_SIZE + 10 }, (_, i) => ({
          orderSeq: 900_000 + i,
          orderNumber: `PG-${900_000 + i}`,
          email: `pager${i}@example.com`,
          currency: "GBP",
          subtotal: 100,
          total: 100,
          lookupToken: `pager-${i}`,
          createdAt: "2025-06-01T10:00:00.000Z", // one shared time: the id orders them
        })),
      );
    });
    const first = await list({ q: "pager" });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.previousCursor).toBeNull();
    const second = await list({ q: "pager", after: first.nextCursor! });
    expect(second.rows).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    const seen = new Set([...first.rows, ...second.rows].map((row) => row.orderNumber));
    expect(seen.size).toBe(PAGE_SIZE + 10);
    const back = await list({ q: "pager", before: second.previousCursor! });
    expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });

  it("finds a non-ASCII name as typed, ignoring the case of its ASCII letters", async () => {
    const customer = await createCustomer({ name: "Zoë Ørsted", email: "zoe.orsted@example.com" });
    const order = await createAdminOrder({ customer });
    for (const q of ["Zoë Ørsted", "ØRSTED", "zoë"]) expect((await list({ q })).rows.map((row) => row.orderNumber), q).toEqual([order.orderNumber]);
  });

  it("refuses a forged cursor as bad input", async () => {
    await expect(list({ after: "not-a-cursor" })).rejects.toMatchObject({ code: "bad_request" });
  });
});
