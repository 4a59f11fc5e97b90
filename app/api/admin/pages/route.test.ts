import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contentPages } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { DELETE, GET as GET_ONE, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

type Page = { id: number; slug: string; title: string; body: string; isPublished: boolean; position: number; updatedAt: string };
type ErrorJson = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const list = () => GET(adminRequest("/api/admin/pages", { cookie: ownerCookie() }), params(0));
const create = (body: unknown) => POST(adminRequest("/api/admin/pages", { method: "POST", body, cookie: ownerCookie() }), params(0));
const read = (id: number | string) => GET_ONE(adminRequest(`/api/admin/pages/${id}`, { cookie: ownerCookie() }), params(id));
const change = (id: number | string, body: unknown) => PATCH(adminRequest(`/api/admin/pages/${id}`, { method: "PATCH", body, cookie: ownerCookie() }), params(id));
const remove = (id: number | string) => DELETE(adminRequest(`/api/admin/pages/${id}`, { method: "DELETE", cookie: ownerCookie() }), params(id));

const auditOf = (id: number) => withFreshClient((reader) => reader.select().from(auditLog).where(eq(auditLog.entityId, String(id))).orderBy(auditLog.id));
const slugsInOrder = async () => ((await (await list()).json()) as { pages: Page[] }).pages.map((page) => page.slug);

let n = 0;
const pageBody = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return { title: `Care guide ${n}`, slug: `care-guide-${n}`, body: "Wash by hand in cool water.", ...overrides };
};

describe("the admin's pages API", () => {
  it("starts with the four default pages, each asking the owner to review it", async () => {
    const response = await list();
    expect(response.status).toBe(200);
    const { pages } = (await response.json()) as { pages: Page[] };
    expect(pages.slice(0, 4).map((page) => [page.slug, page.title, page.isPublished])).toEqual([
      ["about", "About", true],
      ["shipping-returns", "Shipping & returns", true],
      ["privacy", "Privacy", true],
      ["terms", "Terms", true],
    ]);
    for (const page of pages.slice(0, 4)) expect(page.body).toMatch(/^> \*\*Review this page before you open the shop\.\*\*/);
    expect(pages.find((page) => page.slug === "terms")!.body).toMatch(/Consumer Contracts .*Regulations 2013[\s\S]*14 days/);
  });

  it("creates a page last in the order, with an audit row, and reads it back", async () => {
    const response = await create(pageBody({ slug: "  Care-Guide  ", isPublished: false }));
    expect(response.status).toBe(201);
    const { page } = (await response.json()) as { page: Page };
    expect(page).toMatchObject({ slug: "care-guide", isPublished: false });
    expect((await slugsInOrder()).at(-1)).toBe("care-guide");
    expect((await auditOf(page.id)).map((row) => [row.action, row.entityType, row.actor])).toEqual([["page.created", "content_page", "admin:owner (owner@localhost)"]]);
    const again = await read(page.id);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { page: Page }).page.title).toBe(page.title);
  });

  it("refuses a slug in use with 409 on the slug field, on create and on edit, writing nothing", async () => {
    const clash = await create(pageBody({ slug: "privacy" }));
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as ErrorJson).error.details).toEqual([{ path: "slug", message: "Another page already uses this address." }]);

    const { page } = (await (await create(pageBody())).json()) as { page: Page };
    const renamed = await change(page.id, { slug: "terms", title: "Not saved" });
    expect(renamed.status).toBe(409);
    expect(((await renamed.json()) as ErrorJson).error.details![0]!.path).toBe("slug");
    const [stored] = await withFreshClient((reader) => reader.select().from(contentPages).where(eq(contentPages.id, page.id)));
    expect(stored).toMatchObject({ slug: page.slug, title: page.title });
    expect((await auditOf(page.id)).map((row) => row.action)).toEqual(["page.created"]);
  });

  it.each([
    ["an empty title", { title: "  " }, "title"],
    ["a slug with spaces", { slug: "our story" }, "slug"],
    ["a slug the shop uses itself", { slug: "checkout" }, "slug"],
    ["a body over 50,000 characters", { body: "x".repeat(50_001) }, "body"],
    ["a title over 120 characters", { title: "t".repeat(121) }, "title"],
  ])("answers 400 for %s with the field's path", async (_name, override, path) => {
    const response = await create(pageBody(override));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.details!.map((detail) => detail.path)).toContain(path);
  });

  it("edits a page's text and visibility, recording what changed", async () => {
    const { page } = (await (await create(pageBody())).json()) as { page: Page };
    const response = await change(page.id, { title: "Caring for hand-dyed yarn", body: "## Washing\n\nCool water only.", isPublished: false });
    expect(response.status).toBe(200);
    const saved = ((await response.json()) as { page: Page }).page;
    expect(saved).toMatchObject({ title: "Caring for hand-dyed yarn", body: "## Washing\n\nCool water only.", isPublished: false, slug: page.slug });
    expect(saved.updatedAt >= page.updatedAt).toBe(true);
    const [, updated] = await auditOf(page.id);
    expect(updated).toMatchObject({ action: "page.updated" });
    expect(updated!.data).toMatchObject({ title: { from: page.title, to: "Caring for hand-dyed yarn" }, isPublished: { from: true, to: false }, bodyChanged: true });
  });

  it("moves a page to another place in the order, renumbering the rest", async () => {
    const { page } = (await (await create(pageBody({ slug: "size-chart" }))).json()) as { page: Page };
    expect((await change(page.id, { position: 1 })).status).toBe(200);
    const order = await slugsInOrder();
    expect(order.slice(0, 3)).toEqual(["about", "size-chart", "shipping-returns"]);
    const positions = (await withFreshClient((reader) => reader.select({ position: contentPages.position }).from(contentPages).orderBy(contentPages.position))).map((row) => row.position);
    expect(positions).toEqual([...positions.keys()]);
    expect((await change(page.id, { position: 9999 })).status).toBe(200);
    expect((await slugsInOrder()).at(-1)).toBe("size-chart");
  });

  it("deletes a page with an audit row; a second delete, a read or an edit of it is a 404", async () => {
    const { page } = (await (await create(pageBody())).json()) as { page: Page };
    const response = await remove(page.id);
    expect(response.status).toBe(200);
    expect(await withFreshClient((reader) => reader.select().from(contentPages).where(eq(contentPages.id, page.id)))).toEqual([]);
    expect((await auditOf(page.id)).map((row) => row.action)).toEqual(["page.created", "page.deleted"]);
    for (const response of [await remove(page.id), await read(page.id), await change(page.id, { title: "Back" })]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorJson).error.code).toBe("not_found");
    }
  });

  it("answers 400 for an id that is not a number and for an empty change", async () => {
    expect((await read("abc")).status).toBe(400);
    const { page } = (await (await create(pageBody())).json()) as { page: Page };
    expect((await change(page.id, {})).status).toBe(400);
  });
});
