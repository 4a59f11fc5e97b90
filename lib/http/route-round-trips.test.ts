import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { GET as readCart, POST as addToCart } from "@/app/api/cart/route";
import { db, writeTransaction } from "@/lib/db";
import { EnvError, parseEnv, resetEnvForTests } from "@/lib/env";
import { json, route } from "@/lib/http/route";
import { createProduct } from "@/tests/factories/product";

const context = { params: Promise.resolve({}) };

function expose(value: "0" | "1") {
  process.env.BENCH_EXPOSE_ROUND_TRIPS = value;
  resetEnvForTests();
}

afterEach(() => {
  delete process.env.BENCH_EXPOSE_ROUND_TRIPS;
  resetEnvForTests();
});

/** Reads `reads` times, then writes once in a queued transaction (BEGIN, one statement, COMMIT). */
const probe = route(async ({ request }) => {
  const reads = Number(new URL(request.url).searchParams.get("reads"));
  const read = await db();
  for (let i = 0; i < reads; i += 1) await read.run(sql`SELECT ${i}`);
  await writeTransaction((tx) => tx.run(sql`SELECT 'inside the write lock'`));
  return json({ ok: true });
});

const get = (path: string) => new NextRequest(`http://localhost${path}`);

describe("BENCH_EXPOSE_ROUND_TRIPS: the bench's per-request database cost header", () => {
  it("is absent unless the bench asks for it", async () => {
    expose("0");
    const response = await probe(get("/probe?reads=2"), context);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-db-round-trips")).toBeNull();
    expect(response.headers.get("x-db-statements")).toBeNull();
  });

  it("counts each request's own round trips, including its queued write, while others run at the same time", async () => {
    expose("1");
    const [one, five, three] = await Promise.all([
      probe(get("/probe?reads=1"), context),
      probe(get("/probe?reads=5"), context),
      probe(get("/probe?reads=3"), context),
    ]);
    // reads + BEGIN + one statement + COMMIT
    expect(one!.headers.get("x-db-round-trips")).toBe("4");
    expect(five!.headers.get("x-db-round-trips")).toBe("8");
    expect(three!.headers.get("x-db-round-trips")).toBe("6");
    // BEGIN and COMMIT count as statements too, as the client counts them.
    expect(five!.headers.get("x-db-statements")).toBe("8");
  });

  it("reports a real route's cost, and its error answers carry it too", async () => {
    expose("1");
    const product = await createProduct({ variants: [{ price: 1500, stock: 5 }] });
    const added = await addToCart(
      new NextRequest("http://localhost/api/cart", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ variantId: product.variants[0]!.id, quantity: 1 }),
      }),
      context,
    );
    expect(added.status).toBeLessThan(300);
    expect(Number(added.headers.get("x-db-round-trips"))).toBeGreaterThan(0);
    const cookie = added.headers.getSetCookie().find((header) => header.startsWith("cart_id="))!.split(";")[0]!;
    const cart = await readCart(new NextRequest("http://localhost/api/cart", { headers: { cookie } }), context);
    expect(cart.status).toBe(200);
    expect(Number(cart.headers.get("x-db-statements"))).toBeGreaterThan(0);

    const refused = await addToCart(
      new NextRequest("http://localhost/api/cart", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }),
      context,
    );
    expect(refused.status).toBe(415);
    expect(refused.headers.get("x-db-round-trips")).toBe("0");
  });

  it("is refused in production unless the server's APP_URL is on this machine", () => {
    const production = { NODE_ENV: "production", BENCH_EXPOSE_ROUND_TRIPS: "1" };
    expect(() => parseEnv({ ...production, APP_URL: "https://shop.example.com" })).toThrow(EnvError);
    expect(() => parseEnv({ ...production })).toThrow(EnvError);
    expect(parseEnv({ ...production, APP_URL: "http://127.0.0.1:3241" }).BENCH_EXPOSE_ROUND_TRIPS).toBe("1");
  });
});
