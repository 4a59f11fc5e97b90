import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, collections } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCollection } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST } from "./route";

type ErrorJson = { error: { code: string; details?: { path: string }[] } };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const noParams = { params: Promise.resolve({}) };
const reorder = (body: unknown, cookie: string | null = ownerCookie()) =>
  POST(adminRequest("/api/admin/collections/order", { method: "POST", body, cookie: cookie ?? undefined }), noParams);
const shopOrder = () =>
  withFreshClient(async (client) =>
    (await client.select({ id: collections.id }).from(collections).orderBy(asc(collections.position), asc(collections.id))).map((row) => row.id),
  );

describe("POST /api/admin/collections/order", () => {
  it("puts every collection in the order given, with one audit row", async () => {
    const [a, b, c] = [await createCollection(), await createCollection(), await createCollection()];
    const before = await shopOrder();
    expect(before).toEqual([a.id, b.id, c.id]);

    const response = await reorder({ ids: [c.id, a.id, b.id] });
    expect(response.status).toBe(200);
    expect(await shopOrder()).toEqual([c.id, a.id, b.id]);
    const audit = await withFreshClient((client) => client.select().from(auditLog).where(eq(auditLog.action, "collections.reordered")));
    expect(audit).toEqual([expect.objectContaining({ actor: "admin:owner (owner@localhost)", data: { from: [a.id, b.id, c.id], to: [c.id, a.id, b.id] } })]);
  });

  it("refuses a list that no longer names exactly the collections there are (409), changing nothing", async () => {
    const before = await shopOrder();
    const added = await createCollection();
    // A page loaded before `added` existed.
    const stale = await reorder({ ids: [...before].reverse() });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorJson).error.code).toBe("stale_write");
    const unknown = await reorder({ ids: [...before, 987_654] });
    expect(unknown.status).toBe(409);
    expect(await shopOrder()).toEqual([...before, added.id]);
  });

  it("answers 400 for a repeated or missing id and 401 for a stranger", async () => {
    const ids = await shopOrder();
    const repeated = await reorder({ ids: [ids[0], ids[0]] });
    expect(repeated.status).toBe(400);
    expect(((await repeated.json()) as ErrorJson).error.details!.map((detail) => detail.path)).toEqual(["ids.1"]);
    expect((await reorder({})).status).toBe(400);
    expect((await reorder({ ids: [...ids].reverse() }, null)).status).toBe(401);
    expect(await shopOrder()).toEqual(ids);
  });
});
