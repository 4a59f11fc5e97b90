import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitlistSignups } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createProduct } from "@/tests/factories/product";
import { POST } from "./route";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

type SignUpJson = { signup: { id: number; variantId: number; email: string; consentedAt: string; createdAt: string } };
type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };

let clients = 0;
/** Each call its own client address unless told, so the per-client budget is only met where a test means it. */
function signUp(body: unknown, client = `203.0.113.${(clients += 1) % 250}`) {
  const request = new NextRequest("http://localhost/api/waitlist", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({}) });
}

const signupsOf = (variantId: number) => withFreshClient((read) => read.select().from(waitlistSignups).where(eq(waitlistSignups.variantId, variantId)));

describe("POST /api/waitlist", () => {
  it("signs an address up once per colourway: 201 the first time, 200 with the same sign-up after", async () => {
    const product = await createProduct({ variants: [{ stock: 0 }] });
    const variantId = product.variants[0]!.id;
    const first = await signUp({ variantId, email: "Ann@Example.com ", consent: true });
    expect(first.status).toBe(201);
    const created = (await first.json()) as SignUpJson;
    expect(created.signup).toEqual({ id: expect.any(Number), variantId, email: "ann@example.com", consentedAt: expect.any(String), createdAt: expect.any(String) });

    const again = await signUp({ variantId, email: "ann@example.com", consent: true });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);
    expect(await signupsOf(variantId)).toHaveLength(1);
  });

  it("refuses a sign-up without the consent tick, naming the field, and writes nothing", async () => {
    const product = await createProduct({ variants: [{ stock: 0 }] });
    const variantId = product.variants[0]!.id;
    for (const consent of [undefined, false, "yes"]) {
      const response = await signUp({ variantId, email: "bo@example.com", consent });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorJson;
      expect(body.error.code).toBe("validation_error");
      expect(body.error.details?.map((detail) => detail.path)).toEqual(["consent"]);
    }
    const badEmail = await signUp({ variantId, email: "not an address", consent: true });
    expect(badEmail.status).toBe(400);
    expect(await signupsOf(variantId)).toEqual([]);
  });

  it("answers 404 for a colourway nobody can see: unknown, an archived or draft product, an inactive variant", async () => {
    const archived = await createProduct({ status: "archived", variants: [{ stock: 0 }] });
    const draft = await createProduct({ status: "draft", variants: [{ stock: 0 }] });
    const inactive = await createProduct({ variants: [{ stock: 0 }, { stock: 0, isActive: false }] });
    for (const variantId of [99_999_999, archived.variants[0]!.id, draft.variants[0]!.id, inactive.variants[1]!.id]) {
      const response = await signUp({ variantId, email: "cy@example.com", consent: true });
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorJson).error.code).toBe("not_found");
    }
  });

  it("limits one client's sign-ups like the other public writes: 429 with Retry-After once its budget is spent", async () => {
    const product = await createProduct({ variants: [{ stock: 0 }] });
    const variantId = product.variants[0]!.id;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await signUp({ variantId, email: `dee${i}@example.com`, consent: true }, "198.51.100.7")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const refused = await signUp({ variantId, email: "dee-late@example.com", consent: true }, "198.51.100.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await signupsOf(variantId)).toHaveLength(10);
  });

  it("gives a sign-up that was already notified a fresh place at the back of the queue", async () => {
    const product = await createProduct({ variants: [{ stock: 0 }] });
    const variantId = product.variants[0]!.id;
    const first = (await (await signUp({ variantId, email: "eve@example.com", consent: true })).json()) as SignUpJson;
    const { writeTransaction } = await import("@/lib/db");
    await writeTransaction((tx) => tx.update(waitlistSignups).set({ notifiedAt: new Date().toISOString() }).where(eq(waitlistSignups.id, first.signup.id)));
    const again = await signUp({ variantId, email: "eve@example.com", consent: true });
    expect(again.status).toBe(201);
    const fresh = (await again.json()) as SignUpJson;
    expect(fresh.signup.id).toBeGreaterThan(first.signup.id);
    expect((await signupsOf(variantId)).map((row) => [row.id, row.notifiedAt])).toEqual([[fresh.signup.id, null]]);
  });
});
