import { spawn } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openClient } from "./client";
import { db, wrapClient, writeTransaction } from "./index";
import { products, productVariants } from "./schema";

async function freshClientDb() {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  return { read: wrapClient(client), close: () => client.close() };
}

async function insertProduct(slug: string) {
  return writeTransaction(async (tx) => {
    const [product] = await tx.insert(products).values({ slug, name: slug, status: "active" }).returning();
    await tx.insert(productVariants).values({ productId: product!.id, sku: `${slug}-sku`, name: "Default", price: 1000, stock: 1 });
    return product!.id;
  });
}

describe("the write path", () => {
  it("commits 200 concurrent write transactions from one process, all visible to a fresh client", async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, (_, i) => insertProduct(`concurrent-${i}`)));
    expect(new Set(ids).size).toBe(200);

    const fresh = await freshClientDb();
    try {
      const [row] = await fresh.read
        .select({ count: sql<number>`count(*)` })
        .from(productVariants)
        .where(sql`${productVariants.sku} LIKE 'concurrent-%'`);
      expect(row?.count).toBe(200);
    } finally {
      fresh.close();
    }
  });

  it("lets two processes write the same database file at the same time", async () => {
    const script = path.resolve("tests/fixtures/write-products.ts");
    const run = (prefix: string) =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-off.mjs", script, prefix, "150"], {
          env: { ...process.env, NODE_ENV: "test" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => resolve({ code, output }));
      });

    const [first, second] = await Promise.all([run("proc-a"), run("proc-b")]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);

    const fresh = await freshClientDb();
    try {
      const counts = await fresh.read
        .select({ prefix: sql<string>`substr(${products.slug}, 1, 6)`, count: sql<number>`count(*)` })
        .from(products)
        .where(sql`${products.slug} LIKE 'proc-%'`)
        .groupBy(sql`substr(${products.slug}, 1, 6)`);
      expect(Object.fromEntries(counts.map((row) => [row.prefix, row.count]))).toEqual({ "proc-a": 150, "proc-b": 150 });
    } finally {
      fresh.close();
    }
  });

  it("leaves nothing behind when a transaction fails part-way", async () => {
    await expect(
      writeTransaction(async (tx) => {
        const [product] = await tx.insert(products).values({ slug: "half-made", name: "Half made", status: "active" }).returning();
        await tx.insert(productVariants).values({ productId: product!.id, sku: "half-made-1", name: "A", price: 500, stock: 3 });
        throw new Error("the payment facts did not match");
      }),
    ).rejects.toThrow("the payment facts did not match");

    const fresh = await freshClientDb();
    try {
      expect(await fresh.read.select().from(products).where(eq(products.slug, "half-made"))).toEqual([]);
      expect(await fresh.read.select().from(productVariants).where(eq(productVariants.sku, "half-made-1"))).toEqual([]);
    } finally {
      fresh.close();
    }
    // The queue keeps working after a failure.
    expect(await insertProduct("after-failure")).toBeGreaterThan(0);
  });

  it("refuses a write transaction nested inside another instead of deadlocking", async () => {
    await expect(writeTransaction(async () => writeTransaction(async () => 1))).rejects.toThrow(/pass tx down/);
  });

  it("reads through db() see committed writes", async () => {
    await insertProduct("read-after-write");
    const read = await db();
    const rows = await read.select().from(products).where(eq(products.slug, "read-after-write"));
    expect(rows).toHaveLength(1);
  });
});
