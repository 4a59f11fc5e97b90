// Walks every admin page and admin API method on disk as a staff member and as an owner, and holds each
// to the permissions table (lib/auth/staff-permissions.ts): a page or method added later fails here
// until the table says who may use it, and one that lets staff in against the table fails too.
import { readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { replaceClerkUserIdSource } from "@/lib/auth/clerk-identity";
import { ADMIN_NOT_ALLOWED_PATH } from "@/lib/auth/roles";
import { ADMIN_API_ROLES, ADMIN_PAGE_ROLES, canOpenAdminPage, ORDER_STATUS_CHANGE_ROLES } from "@/lib/auth/staff-permissions";
import { statementCount } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { MANUAL_STATUSES } from "@/lib/orders/change-order-status";
import { restoreAdminEnv, useClerk } from "@/tests/factories/admin-env";
import { createAdminOrder } from "@/tests/factories/admin-orders";
import { redirectTarget, requestScope } from "@/tests/factories/admin-request-scope";
import { adminRequest } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST as statusPost } from "@/app/api/admin/orders/[id]/status/route";
import { ADMIN_SECTIONS } from "./_components/admin-sections";

vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const ROOT = process.cwd();
const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** Pages that are how one becomes an admin: no role applies to them. */
const SIGN_IN_PAGES = ["/admin/sign-in", "/admin/set-password"];

function filesNamed(directory: string, name: string): string[] {
  return readdirSync(path.join(ROOT, directory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name === name)
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** `app/admin/orders/[id]/page.tsx` → `/admin/orders/[id]`: the key the table uses. */
function routeOf(file: string): string {
  return `/${path.posix.dirname(file).replace(/^app\//, "").replace(/\/\([^)]+\)/g, "")}`;
}

function paramsFor(file: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const match of file.matchAll(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g)) params[match[2]!] = match[1] ? ["1"] : "1";
  return params;
}

const urlFor = (file: string) => routeOf(file).replace(/\[\[?(\.\.\.)?[^\]]+\]\]?/g, "1");

const pageFiles = filesNamed("app/admin", "page.tsx").filter((file) => !SIGN_IN_PAGES.includes(routeOf(file)));
const handlerFiles = filesNamed("app/api/admin", "route.ts");

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

// Clerk identities stand in for any admin account: they pass through the same requireAdmin().
let clerkUserId: string | null = null;
const restoreClerk = replaceClerkUserIdSource(async () => clerkUserId);
afterAll(() => {
  restoreClerk();
  restoreAdminEnv();
});

const AS = { owner: "user_owner", staff: "user_packer" } as const;
function signInAs(role: keyof typeof AS): void {
  useClerk(AS.owner, { STAFF_USER_IDS: AS.staff });
  clerkUserId = AS[role];
}

beforeEach(() => {
  clerkUserId = null;
  requestScope.reset();
});

async function callHandler(file: string, method: string): Promise<{ status: number; statements: number; body: string }> {
  const module = (await import(path.join(ROOT, file))) as Record<string, Handler>;
  const hasBody = method !== "GET";
  const before = statementCount();
  const response = await module[method]!(adminRequest(urlFor(file), { method, body: hasBody ? {} : undefined }), {
    params: Promise.resolve(paramsFor(file)),
  });
  const statements = statementCount() - before;
  return { status: response.status, statements, body: await response.text() };
}

/** What a page did when called: rendered (or 404ed), or redirected somewhere. */
async function openPage(file: string): Promise<{ redirectedTo: string | null; statements: number }> {
  const page = ((await import(path.join(ROOT, file))) as { default: (props: unknown) => unknown }).default;
  const before = statementCount();
  try {
    await page({ params: Promise.resolve(paramsFor(file)), searchParams: Promise.resolve({}) });
    return { redirectedTo: null, statements: statementCount() - before };
  } catch (error) {
    const target = redirectTarget(error);
    if (target !== null) return { redirectedTo: target, statements: statementCount() - before };
    // notFound() for the made-up id "1": the page got past requireAdmin, which is all this asks.
    if (String((error as { digest?: unknown }).digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) {
      return { redirectedTo: null, statements: statementCount() - before };
    }
    throw error;
  }
}

describe("the permissions table", () => {
  it("names every admin page on disk, and no page that is not there", () => {
    const onDisk = pageFiles.map(routeOf);
    const missing = onDisk.filter((route) => !(route in ADMIN_PAGE_ROLES));
    expect(missing, "add these pages to ADMIN_PAGE_ROLES in lib/auth/staff-permissions.ts").toEqual([]);
    expect(Object.keys(ADMIN_PAGE_ROLES).filter((route) => !onDisk.includes(route))).toEqual([]);
    expect(onDisk).toContain("/admin/not-allowed");
  });

  it("names every admin API route on disk, and no route that is not there", () => {
    const onDisk = handlerFiles.map(routeOf);
    const missing = onDisk.filter((route) => !(route in ADMIN_API_ROLES));
    expect(missing, "add these routes to ADMIN_API_ROLES in lib/auth/staff-permissions.ts").toEqual([]);
    expect(Object.keys(ADMIN_API_ROLES).filter((route) => !onDisk.includes(route))).toEqual([]);
  });

  it("gives staff a menu of only the sections they can open, and owners all of them", () => {
    for (const section of ADMIN_SECTIONS) expect(section.href in ADMIN_PAGE_ROLES, section.href).toBe(true);
    const staffMenu = ADMIN_SECTIONS.filter((section) => canOpenAdminPage("staff", section.href)).map((section) => section.label);
    expect(staffMenu).toEqual(["Dashboard", "Orders", "Inventory", "Emails", "My account"]);
    expect(ADMIN_SECTIONS.every((section) => canOpenAdminPage("owner", section.href))).toBe(true);
  });

  it("keeps what the issue forbids staff out of their reach", () => {
    const staffPages = Object.entries(ADMIN_PAGE_ROLES).filter(([, role]) => role === "staff").map(([route]) => route);
    for (const forbidden of ["customers", "products", "collections", "discounts", "shipping", "settings", "analytics", "pages"]) {
      expect(staffPages.filter((route) => route.split("/")[2] === forbidden)).toEqual([]);
    }
    const staffApi = Object.entries(ADMIN_API_ROLES).flatMap(([route, methods]) =>
      Object.entries(methods).filter(([, role]) => role === "staff").map(([method]) => `${method} ${route}`),
    );
    expect(staffApi.filter((call) => /refund|cancel|export|erase|customers|products|discounts|shipping|settings|uploads|analytics/.test(call))).toEqual([]);
  });
});

describe("every admin page, as staff and as owner", () => {
  it.each(pageFiles)("%s opens for whom the table says", async (file) => {
    const needs = ADMIN_PAGE_ROLES[routeOf(file)];
    expect(needs, `add ${routeOf(file)} to ADMIN_PAGE_ROLES`).toBeDefined();

    signInAs("owner");
    const asOwner = await openPage(file);
    expect(asOwner.redirectedTo, `${file} as owner`).toBeNull();

    requestScope.reset();
    signInAs("staff");
    const asStaff = await openPage(file);
    if (needs === "staff") {
      expect(asStaff.redirectedTo, `${file} as staff`).toBeNull();
    } else {
      expect(asStaff.redirectedTo, `${file} as staff`).toBe(ADMIN_NOT_ALLOWED_PATH);
      expect(asStaff.statements, `${file} read the database before refusing staff`).toBe(0);
    }
  });
});

describe("every admin API method, as staff and as owner", () => {
  it.each(handlerFiles)("%s answers each method as the table says", async (file) => {
    const route = routeOf(file);
    const table = ADMIN_API_ROLES[route];
    expect(table, `add ${route} to ADMIN_API_ROLES`).toBeDefined();
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;

    for (const method of API_METHODS) {
      if (typeof module[method] !== "function") continue;
      const needs = table![method];

      signInAs("owner");
      const asOwner = await callHandler(file, method);
      // Sign-in and sign-out: the existing walk (route-walk.test.ts) covers what strangers get.
      if (needs === "anyone") continue;
      if (asOwner.status === 405) {
        expect(needs, `${method} ${route} is not served: take it out of ADMIN_API_ROLES`).toBeUndefined();
      } else {
        expect(needs, `${method} ${route} answered ${asOwner.status}: add it to ADMIN_API_ROLES`).toBeDefined();
        expect([401, 403], `${method} ${route} as owner: ${asOwner.body}`).not.toContain(asOwner.status);
        expect(asOwner.status, `${method} ${route} as owner: ${asOwner.body}`).toBeLessThan(500);
      }

      signInAs("staff");
      const asStaff = await callHandler(file, method);
      if (needs === "staff") {
        // Auth comes before validation: an empty body is a 400 or 404, never a refusal.
        expect([401, 403], `${method} ${route} as staff: ${asStaff.body}`).not.toContain(asStaff.status);
        expect(asStaff.status, `${method} ${route} as staff: ${asStaff.body}`).toBeLessThan(500);
      } else if (needs === "owner") {
        expect(asStaff.status, `${method} ${route} as staff`).toBe(403);
        expect(JSON.parse(asStaff.body)).toMatchObject({ error: { code: "forbidden" } });
        expect(JSON.parse(asStaff.body).error.message).toMatch(/staff account cannot do this/);
        expect(asStaff.statements, `${method} ${route} touched the database before refusing staff`).toBe(0);
      } else {
        // A method the route does not serve tells staff nothing more than it tells a stranger.
        expect([403, 405], `${method} ${route} as staff`).toContain(asStaff.status);
      }
    }
  });
});

describe("the order status menu, split by what it asks", () => {
  async function setStatus(orderId: number, body: unknown) {
    const request = adminRequest(`/api/admin/orders/${orderId}/status`, { method: "POST", body });
    return statusPost(request, { params: Promise.resolve({ id: String(orderId) }) });
  }
  const statusOf = async (orderId: number) =>
    (await withFreshClient((fresh) => fresh.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId))))[0]!.status;

  it("gives every manual status a role", () => {
    expect(Object.keys(ORDER_STATUS_CHANGE_ROLES).sort()).toEqual([...MANUAL_STATUSES].sort());
  });

  it("lets staff mark a shipped order delivered", async () => {
    const order = await createAdminOrder({ status: "shipped" });
    signInAs("staff");
    const response = await setStatus(order.id, { status: "delivered" });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await statusOf(order.id)).toBe("delivered");
  });

  it("refuses staff putting an order on hold or releasing a hold with 403, and changes nothing", async () => {
    const open = await createAdminOrder();
    const held = await createAdminOrder({ status: "on_hold" });
    signInAs("staff");
    const hold = await setStatus(open.id, { status: "on_hold", reason: "Address looks wrong" });
    expect(hold.status).toBe(403);
    expect(await hold.json()).toMatchObject({ error: { code: "forbidden", message: expect.stringContaining("ask the shop's owner") } });
    expect((await setStatus(held.id, { status: "processing" })).status).toBe(403);
    expect(await statusOf(open.id)).toBe("processing");
    expect(await statusOf(held.id)).toBe("on_hold");

    signInAs("owner");
    expect((await setStatus(held.id, { status: "processing" })).status).toBe(200);
    expect(await statusOf(held.id)).toBe("processing");
  });
});
