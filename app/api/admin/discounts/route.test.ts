import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, discountCodes } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createDiscountCode } from "@/tests/factories/discount-code";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { PATCH } from "./[id]/route";
import { POST as deactivate } from "./[id]/deactivate/route";
import { GET, POST } from "./route";

type ErrorJson = { error: { code: string; details?: unknown } };
type Saved = { discount: typeof discountCodes.$inferSelect };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const create = (body: unknown) => POST(adminRequest("/api/admin/discounts", { method: "POST", body, cookie: ownerCookie() }), params(0));
const edit = (id: number, body: unknown) => PATCH(adminRequest(`/api/admin/discounts/${id}`, { method: "PATCH", body, cookie: ownerCookie() }), params(id));
const readCode = (id: number) => withFreshClient(async (read) => (await read.select().from(discountCodes).where(eq(discountCodes.id, id)))[0]);

describe("the admin's discount API", () => {
  it("creates a code (upper-cased), edits it, lists its uses and deactivates it, with an audit row for each change", async () => {
    const created = await create({ code: "spring-10", kind: "percent", value: 10, minimumSubtotal: 2000, usageLimit: 50, startsAt: "2026-03-01T00:00:00.000Z", endsAt: "2026-04-01T00:00:00.000Z" });
    expect(created.status).toBe(201);
    const { discount } = (await created.json()) as Saved;
    expect(discount).toMatchObject({ code: "SPRING-10", kind: "percent", value: 10, minimumSubtotal: 2000, usageLimit: 50, isActive: true });

    const edited = await edit(discount.id, { code: "SPRING-15", kind: "fixed", value: 500, minimumSubtotal: 0, usageLimit: null });
    expect(edited.status).toBe(200);
    expect(await readCode(discount.id)).toMatchObject({ code: "SPRING-15", kind: "fixed", value: 500, usageLimit: null, startsAt: null });

    const listed = (await (await GET(adminRequest("/api/admin/discounts", { cookie: ownerCookie() }), params(0))).json()) as { discounts: { code: string; uses: number; state: string }[] };
    expect(listed.discounts.find((row) => row.code === "SPRING-15")).toMatchObject({ uses: 0, state: "active" });

    const off = await deactivate(adminRequest(`/api/admin/discounts/${discount.id}/deactivate`, { method: "POST", cookie: ownerCookie() }), params(discount.id));
    expect(off.status).toBe(200);
    expect((await readCode(discount.id))!.isActive).toBe(false);
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityId, String(discount.id))));
    expect(audit.map((row) => row.action)).toEqual(["discount.created", "discount.updated", "discount.deactivated"]);
    expect(audit.every((row) => row.actor === "admin:owner (owner@localhost)")).toBe(true);
  });

  it("answers 409 with a field error for a code already in use, on create and on edit", async () => {
    await createDiscountCode({ code: "TAKEN" });
    const response = await create({ code: "taken", kind: "percent", value: 5 });
    expect(response.status).toBe(409);
    expect((await response.json()) as ErrorJson).toMatchObject({ error: { code: "conflict", details: [{ path: "code" }] } });
    const other = await createDiscountCode({ code: "OTHER" });
    const renamed = await edit(other.id, { code: "TAKEN", kind: "percent", value: 5 });
    expect(renamed.status).toBe(409);
    expect((await readCode(other.id))!.code).toBe("OTHER");
  });

  it("refuses a usage limit below the uses so far", async () => {
    const used = await createDiscountCode({ code: "USED3", uses: 3, usageLimit: 10 });
    const response = await edit(used.id, { code: "USED3", kind: "percent", value: 10, usageLimit: 2 });
    expect(response.status).toBe(400);
    expect((await response.json()) as ErrorJson).toMatchObject({ error: { details: [{ path: "usageLimit" }] } });
    expect((await readCode(used.id))!.usageLimit).toBe(10);
  });

  it.each([
    ["a percentage over 100", { code: "BIG", kind: "percent", value: 150 }],
    ["a fractional amount", { code: "FRAC", kind: "fixed", value: 2.5 }],
    ["an end before the start", { code: "BACK", kind: "percent", value: 5, startsAt: "2026-05-01T00:00:00.000Z", endsAt: "2026-04-01T00:00:00.000Z" }],
    ["a code with spaces", { code: "TWO WORDS", kind: "percent", value: 5 }],
    ["an unknown kind", { code: "KIND", kind: "bogo", value: 5 }],
  ])("answers 400 for %s and saves nothing", async (_name, body) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    const codes = await withFreshClient((read) => read.select().from(discountCodes).where(eq(discountCodes.code, String(body.code).toUpperCase())));
    expect(codes).toEqual([]);
  });

  it("answers 404 for an unknown discount", async () => {
    expect((await edit(987_654, { code: "NOPE", kind: "percent", value: 5 })).status).toBe(404);
  });
});
