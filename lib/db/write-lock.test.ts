import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as addToCart } from "@/app/api/cart/route";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { createProduct } from "@/tests/factories/product";
import { openClient } from "./client";
import { db, writeTransaction } from "./index";
import { carts } from "./schema";
import { httpStatusOf } from "@/lib/http/errors";

/** Another process's connection (a script, a second server) on the same file, holding the write lock. */
async function holdWriteLock() {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  const transaction = await client.transaction("write");
  await transaction.execute("INSERT INTO site_settings (key, value) VALUES ('lock-holder', '1') ON CONFLICT DO NOTHING");
  return {
    release: async () => {
      await transaction.rollback();
      client.close();
    },
  };
}

function withWriteWait(ms: number) {
  process.env.DB_WRITE_WAIT_MS = String(ms);
  resetEnvForTests();
}

afterEach(() => {
  delete process.env.DB_WRITE_WAIT_MS;
  resetEnvForTests();
  vi.restoreAllMocks();
});

describe("a write lock held by another connection past the limit", () => {
  it("answers 503 `unavailable` JSON with Retry-After, writes nothing, and bounds the queue behind it", async () => {
    const product = await createProduct({ variants: [{ price: 1500, stock: 5 }] });
    const variantId = product.variants[0]!.id;
    vi.spyOn(console, "error").mockImplementation(() => {});
    withWriteWait(400);
    const holder = await holdWriteLock();
    try {
      const startedAt = Date.now();
      const requests = Array.from({ length: 3 }, () =>
        addToCart(
          new NextRequest("http://localhost/api/cart", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ variantId, quantity: 1 }) }),
          { params: Promise.resolve({}) },
        ),
      );
      const responses = await Promise.all(requests);
      const elapsed = Date.now() - startedAt;
      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ error: { code: "unavailable" } });
      }
      // Each waited at most its own budget (plus a retry's backoff), not behind one another's.
      expect(elapsed).toBeLessThan(2_000);
    } finally {
      await holder.release();
    }
    const [row] = await (await db()).select({ n: sql<number>`count(*)` }).from(carts);
    expect(row!.n).toBe(0);

    // Once the lock is released the same write goes through.
    await expect(writeTransaction(async (tx) => tx.run(sql`SELECT 1`))).resolves.toBeDefined();
  });

  it("rejects a queued write with AppError unavailable once its wait runs out, without running it", async () => {
    withWriteWait(200);
    let release!: () => void;
    const first = writeTransaction(() => new Promise<void>((resolve) => (release = resolve)));
    let secondRan = false;
    const second = writeTransaction(async () => {
      secondRan = true;
    });
    const refused = await second.catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(httpStatusOf(refused as AppError)).toBe(503);
    release();
    await first;
    expect(secondRan).toBe(false);
    // The queue keeps working afterwards, still one writer at a time.
    await expect(writeTransaction(async () => "after")).resolves.toBe("after");
  });
});
