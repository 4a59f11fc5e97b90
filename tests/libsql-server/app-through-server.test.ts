// The app's own code on the client's remote path: what only worked because the database was a local file.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, isConstraintError, writeTransaction } from "@/lib/db";
import { products, productVariants } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { POST } from "@/app/api/admin/products/route";
import { serveTestDatabase } from "./serve-test-database";

const remote = serveTestDatabase();

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const create = (body: unknown) => POST(adminRequest("/api/admin/products", { method: "POST", body, cookie: ownerCookie() }), { params: Promise.resolve({ id: "0" }) });

function productBody(slug: string, sku: string) {
  return {
    name: `Remote ${slug}`,
    slug,
    description: "Dyed far away.",
    status: "active",
    images: [],
    variants: [{ options: { colour: "Moss" }, sku, price: 1800, weightGrams: 100, initialStock: 3 }],
  };
}

async function failureOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error("The write was expected to fail");
}

describe("the app through the libSQL protocol server", () => {
  it("really talks to the server", async () => {
    const before = remote.server().requestCount();
    await (await db()).select().from(products).limit(1);
    expect(remote.server().requestCount()).toBeGreaterThan(before);
  });

  it("tells constraint kinds apart although the server sends only SQLite's primary code", async () => {
    await writeTransaction((tx) => tx.insert(products).values({ slug: "remote-unique", name: "First" }));
    const unique = await failureOf(() => writeTransaction((tx) => tx.insert(products).values({ slug: "remote-unique", name: "Second" })));
    expect(isConstraintError(unique)).toBe(true);
    expect(isConstraintError(unique, "UNIQUE")).toBe(true);
    expect(isConstraintError(unique, "CHECK")).toBe(false);

    const [product] = await (await db()).select().from(products).where(eq(products.slug, "remote-unique"));
    const check = await failureOf(() =>
      writeTransaction((tx) => tx.insert(productVariants).values({ productId: product!.id, sku: "REMOTE-NEG", name: "Neg", price: -1, stock: 0, weightGrams: 1 })),
    );
    expect(isConstraintError(check, "CHECK")).toBe(true);
    expect(isConstraintError(check, "UNIQUE")).toBe(false);
  });

  it("the product API creates (201) and answers a slug already in use with 409, not 500", async () => {
    expect((await create(productBody("remote-skein", "REMOTE-1"))).status).toBe(201);
    const clash = await create(productBody("remote-skein", "REMOTE-2"));
    expect(clash.status).toBe(409);
  });
});
