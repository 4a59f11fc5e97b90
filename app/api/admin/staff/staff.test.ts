import { desc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requireAdmin } from "@/lib/auth/admin";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { db, writeTransaction } from "@/lib/db";
import { adminAccounts, adminAccountTokens, auditLog } from "@/lib/db/schema";
import { createAdminAccount, removeAllAdminAccounts, resetAdminAccounts } from "@/tests/factories/admin-accounts";
import { restoreAdminEnv, TEST_OWNER_ACTOR, TEST_OWNER_PASSWORD, useClerk, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie, parseSetCookie } from "@/tests/factories/admin-requests";
import { GET as whoAmI, POST as signInRoute } from "../session/route";
import { POST as changePassword } from "../account/password/route";
import { POST as setPassword } from "../account/set-password/route";
import { DELETE as deleteStaff, PATCH as patchStaff } from "./[id]/route";
import { GET as listStaff, POST as createStaff } from "./route";

const none = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });
let client = 0;

beforeEach(() => useOwnerLogin());
afterEach(async () => {
  await resetAdminAccounts();
  restoreAdminEnv();
  vi.restoreAllMocks();
});

function signIn(body: unknown) {
  return signInRoute(adminRequest("/api/admin/session", { method: "POST", body, headers: { "x-forwarded-for": `192.0.2.${++client}` } }), none);
}

async function sessionOf(response: Response): Promise<string> {
  expect(response.status).toBe(204);
  return parseSetCookie(response, OWNER_SESSION_COOKIE)!.value;
}

const status = async (token: string) => (await whoAmI(adminRequest("/api/admin/session", { cookie: ownerCookie(token) }), none)).status;
/** Who a session is, as any admin page sees it (staff included), or null for a dead one. */
const identityOf = (token: string) => requireAdmin({ request: adminRequest("/api/admin/orders", { cookie: ownerCookie(token) }), role: "staff" }).catch(() => null);

async function addStaff(body: Record<string, unknown>, cookie = ownerCookie()) {
  return createStaff(adminRequest("/api/admin/staff", { method: "POST", body, cookie }), none);
}

async function linkToken(response: Response): Promise<{ id: string; token: string }> {
  expect(response.status).toBe(201);
  const body = (await response.json()) as { account: { id: string }; setPasswordUrl: string };
  expect(body.setPasswordUrl).toMatch(/\/admin\/set-password\?token=[\w-]{43}$/);
  return { id: body.account.id, token: new URL(body.setPasswordUrl).searchParams.get("token")! };
}

function useLink(token: string, password: string) {
  return setPassword(adminRequest("/api/admin/account/set-password", { method: "POST", body: { token, password } }), none);
}

const latestAudit = async () => (await (await db()).select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0];

describe("the first owner", () => {
  it("is made by the first sign-in with ADMIN_PASSWORD on an empty table, after which ADMIN_PASSWORD opens nothing", async () => {
    await removeAllAdminAccounts();
    useOwnerLogin({ ADMIN_EMAIL: "Maker@Hedgerow.example" });
    const token = await sessionOf(await signIn({ password: TEST_OWNER_PASSWORD }));
    const [owner, ...others] = await (await db()).select().from(adminAccounts);
    expect(others).toEqual([]);
    expect(owner).toMatchObject({ email: "maker@hedgerow.example", role: "owner", name: "Store owner" });
    expect(owner!.passwordHash).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+\$[\w-]+\$[\w-]+$/);
    expect(owner!.lastSignInAt).not.toBeNull();
    expect(await status(token)).toBe(200);

    // The owner changes the password: ADMIN_PASSWORD (still set) no longer opens anything.
    const changed = await changePassword(
      adminRequest("/api/admin/account/password", { method: "POST", cookie: ownerCookie(token), body: { currentPassword: TEST_OWNER_PASSWORD, newPassword: "a brand new long password" } }),
      none,
    );
    expect(changed.status).toBe(200);
    expect((await signIn({ password: TEST_OWNER_PASSWORD })).status).toBe(401);
    expect((await signIn({ email: "maker@hedgerow.example", password: "a brand new long password" })).status).toBe(204);
  });

  it("takes the shop's support email when ADMIN_EMAIL is not set", async () => {
    await removeAllAdminAccounts();
    await sessionOf(await signIn({ password: TEST_OWNER_PASSWORD }));
    const [owner] = await (await db()).select().from(adminAccounts);
    expect(owner!.email).toBe("hello@hedgerow.example");
  });
});

describe("signing in by email", () => {
  it("opens the account the email names, refuses a wrong password or unknown email alike, and needs the email once there are two accounts", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // One account: the password alone still works (scripts, the e2e suite).
    expect((await signIn({ password: TEST_OWNER_PASSWORD })).status).toBe(204);
    const staff = await createAdminAccount({ email: "sam@example.com", password: "sams long password" });

    const token = await sessionOf(await signIn({ email: " SAM@example.com ", password: "sams long password" }));
    expect(await identityOf(token)).toEqual({ provider: "owner", userId: staff.id, role: "staff", label: staff.name, actor: `admin:${staff.id} (sam@example.com)` });

    const wrong = await signIn({ email: "sam@example.com", password: "not sams password" });
    const unknown = await signIn({ email: "nobody@example.com", password: "sams long password" });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);

    const alone = await signIn({ password: TEST_OWNER_PASSWORD });
    expect(alone.status).toBe(400);
    expect((await alone.json()).error.message).toMatch(/email/);
    expect((await signIn({ email: "owner@localhost", password: TEST_OWNER_PASSWORD })).status).toBe(204);
  });
});

describe("changing one's own password", () => {
  it("ends every other session, keeps the caller's (re-issued), and refuses weak or unchanged passwords", async () => {
    const caller = await sessionOf(await signIn({ password: TEST_OWNER_PASSWORD }));
    const otherBrowser = await sessionOf(await signIn({ password: TEST_OWNER_PASSWORD }));
    const post = (body: unknown, token = caller) =>
      changePassword(adminRequest("/api/admin/account/password", { method: "POST", cookie: ownerCookie(token), body, headers: { "x-forwarded-for": "192.0.2.200" } }), none);

    for (const newPassword of ["short", TEST_OWNER_PASSWORD, "Hedgerow Dye Works"]) {
      const refused = await post({ currentPassword: TEST_OWNER_PASSWORD, newPassword });
      expect(refused.status, newPassword).toBe(400);
    }
    expect(await status(otherBrowser)).toBe(200);

    const changed = await post({ currentPassword: TEST_OWNER_PASSWORD, newPassword: "a brand new long password" });
    expect(changed.status).toBe(200);
    const reissued = parseSetCookie(changed, OWNER_SESSION_COOKIE)!.value;
    expect(await status(reissued)).toBe(200);
    expect(await status(caller)).toBe(401);
    expect(await status(otherBrowser)).toBe(401);
    expect(await latestAudit()).toMatchObject({ actor: TEST_OWNER_ACTOR, action: "account.password_changed" });
  });

  it("answers a wrong current password with 400 and charges it to the sign-in throttle", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const token = await sessionOf(await signIn({ password: TEST_OWNER_PASSWORD }));
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await changePassword(
        adminRequest("/api/admin/account/password", { method: "POST", cookie: ownerCookie(token), body: { currentPassword: `guess ${i}`, newPassword: "a brand new long password" }, headers: { "x-forwarded-for": "192.0.2.250" } }),
        none,
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const fromThere = await signInRoute(adminRequest("/api/admin/session", { method: "POST", body: { password: TEST_OWNER_PASSWORD }, headers: { "x-forwarded-for": "192.0.2.250" } }), none);
    expect(fromThere.status).toBe(429);
  });

  it("is open to staff for their own account", async () => {
    const staff = await createAdminAccount({ password: "staff long password" });
    const response = await changePassword(
      adminRequest("/api/admin/account/password", { method: "POST", cookie: ownerCookie(staff.cookieToken()), body: { currentPassword: "staff long password", newPassword: "staff newer password" } }),
      none,
    );
    expect(response.status).toBe(200);
    expect(await latestAudit()).toMatchObject({ actor: `admin:${staff.id} (${staff.email})`, action: "account.password_changed" });
  });
});

describe("managing staff", () => {
  it("adds a staff member with a one-time link, who sets a password and signs in; the link works once", async () => {
    const { id, token } = await linkToken(await addStaff({ email: "Pat@Example.com", name: "Pat" }));
    expect(await latestAudit()).toMatchObject({ actor: TEST_OWNER_ACTOR, action: "account.created", entityId: id });
    const [stored] = await (await db()).select().from(adminAccountTokens).where(eq(adminAccountTokens.accountId, id));
    expect(stored!.tokenHash).not.toContain(token);
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    // No password yet: nothing opens the account.
    expect((await signIn({ email: "pat@example.com", password: "anything at all" })).status).toBe(401);
    expect((await useLink(token, "short")).status).toBe(400);
    const set = await useLink(token, "pats very own password");
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ email: "pat@example.com" });
    expect((await useLink(token, "another long password")).status).toBe(400);
    const session = await sessionOf(await signIn({ email: "pat@example.com", password: "pats very own password" }));
    expect(await identityOf(session)).toMatchObject({ userId: id, role: "staff" });

    const list = (await (await listStaff(adminRequest("/api/admin/staff", { cookie: ownerCookie() }), none)).json()) as { accounts: Array<Record<string, unknown>> };
    expect(list.accounts.map((account) => [account.email, account.role, account.hasPassword])).toEqual([
      ["owner@localhost", "owner", true],
      ["pat@example.com", "staff", true],
    ]);
    expect(JSON.stringify(list)).not.toContain("scrypt");
  });

  it("refuses an expired link, a made-up one, and a duplicate email", async () => {
    const { id, token } = await linkToken(await addStaff({ email: "late@example.com", name: "Late" }));
    await writeTransaction((tx) => tx.update(adminAccountTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(adminAccountTokens.accountId, id)));
    const expired = await useLink(token, "a long enough password");
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.message).toMatch(/expired/);
    expect((await useLink("x".repeat(43), "a long enough password")).status).toBe(400);
    const duplicate = await addStaff({ email: "LATE@example.com", name: "Again" });
    expect(duplicate.status).toBe(409);
  });

  it("disabling ends the account's live session at its next request; re-enabling lets it sign in again", async () => {
    const staff = await createAdminAccount({ email: "kim@example.com", password: "kims long password" });
    const token = staff.cookieToken();
    expect(await identityOf(token)).toMatchObject({ userId: staff.id });
    const patch = (body: unknown) => patchStaff(adminRequest(`/api/admin/staff/${staff.id}`, { method: "PATCH", body, cookie: ownerCookie() }), withId(staff.id));
    const disabled = await patch({ disabled: true });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ account: { disabled: true } });
    expect(await status(token)).toBe(401);
    expect((await signIn({ email: "kim@example.com", password: "kims long password" })).status).toBe(401);
    expect(await latestAudit()).toMatchObject({ actor: TEST_OWNER_ACTOR, action: "account.disabled", entityId: staff.id });
    expect((await patch({ disabled: false })).status).toBe(200);
    expect((await signIn({ email: "kim@example.com", password: "kims long password" })).status).toBe(204);
    expect((await patch({ name: "Kim R", role: "owner" })).status).toBe(200);
    expect((await (await db()).select().from(adminAccounts).where(eq(adminAccounts.id, staff.id)))[0]).toMatchObject({ name: "Kim R", role: "owner" });
  });

  it("never deletes, disables or demotes the last enabled owner", async () => {
    const patchOwner = (body: unknown) => patchStaff(adminRequest("/api/admin/staff/owner", { method: "PATCH", body, cookie: ownerCookie() }), withId("owner"));
    expect((await patchOwner({ role: "staff" })).status).toBe(409);
    expect((await patchOwner({ disabled: true })).status).toBe(409);
    expect((await deleteStaff(adminRequest("/api/admin/staff/owner", { method: "DELETE", cookie: ownerCookie() }), withId("owner"))).status).toBe(409);
    // A disabled second owner does not count.
    const second = await createAdminAccount({ role: "owner" });
    await patchStaff(adminRequest(`/api/admin/staff/${second.id}`, { method: "PATCH", body: { disabled: true }, cookie: ownerCookie() }), withId(second.id));
    expect((await patchOwner({ role: "staff" })).status).toBe(409);
    // With another enabled owner, the first may go.
    await patchStaff(adminRequest(`/api/admin/staff/${second.id}`, { method: "PATCH", body: { disabled: false }, cookie: ownerCookie() }), withId(second.id));
    const removed = await deleteStaff(adminRequest("/api/admin/staff/owner", { method: "DELETE", cookie: ownerCookie(second.cookieToken()) }), withId("owner"));
    expect(removed.status).toBe(200);
    expect(await latestAudit()).toMatchObject({ actor: `admin:${second.id} (${second.email})`, action: "account.deleted", entityId: "owner" });
  });

  it("deleting an account ends its sessions, and an unknown id is a 404", async () => {
    const staff = await createAdminAccount();
    const token = staff.cookieToken();
    expect((await deleteStaff(adminRequest(`/api/admin/staff/${staff.id}`, { method: "DELETE", cookie: ownerCookie() }), withId(staff.id))).status).toBe(200);
    expect(await status(token)).toBe(401);
    expect((await deleteStaff(adminRequest("/api/admin/staff/acct_nope", { method: "DELETE", cookie: ownerCookie() }), withId("acct_nope"))).status).toBe(404);
  });

  it("is for owners only: staff are refused", async () => {
    const staff = await createAdminAccount();
    const cookie = ownerCookie(staff.cookieToken());
    expect((await listStaff(adminRequest("/api/admin/staff", { cookie }), none)).status).toBe(403);
    expect((await addStaff({ email: "x@example.com", name: "X" }, cookie)).status).toBe(403);
  });

  it("says Clerk manages sign-in when Clerk is configured", async () => {
    useClerk("user_owner");
    const { replaceClerkUserIdSource } = await import("@/lib/auth/clerk-identity");
    const restore = replaceClerkUserIdSource(async () => "user_owner");
    try {
      const response = await addStaff({ email: "c@example.com", name: "C" }, "");
      expect(response.status).toBe(409);
      expect((await response.json()).error.message).toMatch(/Clerk/);
    } finally {
      restore();
    }
  });
});
