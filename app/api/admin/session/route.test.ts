import { desc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replaceClerkUserIdSource } from "@/lib/auth/clerk-identity";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { issueOwnerDevice, OWNER_DEVICE_COOKIE } from "@/lib/auth/owner-device";
import { ownerSignInGlobalThrottle, ownerSignInThrottle } from "@/lib/auth/owner-sign-in";
import { db } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";
import {
  PRODUCTION_BASE,
  restoreAdminEnv,
  TEST_OWNER_PASSWORD,
  TEST_SESSION_SECRET,
  useClerk,
  useOwnerLogin,
} from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie, ownerSessionToken, parseSetCookie } from "@/tests/factories/admin-requests";
import { removeAllAdminAccounts, resetAdminAccounts } from "@/tests/factories/admin-accounts";
import { DELETE, GET, POST } from "./route";

const context = { params: Promise.resolve({}) };
let clientCounter = 0;

/** Each test signs in from its own address so the shared throttle never carries over between tests. */
function signIn(body: unknown, client = `198.51.100.${++clientCounter}`, deviceToken?: string) {
  const cookie = deviceToken === undefined ? undefined : `${OWNER_DEVICE_COOKIE}=${deviceToken}`;
  return POST(adminRequest("/api/admin/session", { method: "POST", body, cookie, headers: { "x-forwarded-for": client } }), context);
}

/** The device cookie a successful sign-in gives this browser. */
async function deviceCookieFromSignIn(client: string): Promise<string> {
  const response = await signIn({ password: TEST_OWNER_PASSWORD }, client);
  expect(response.status).toBe(204);
  return parseSetCookie(response, OWNER_DEVICE_COOKIE)!.value;
}

/** Strangers from many addresses spend the global budget until the sign-in is locked for everyone without a device cookie. */
async function lockOutEveryStranger(prefix: string): Promise<void> {
  ownerSignInGlobalThrottle.recordSuccess("all");
  let last = 0;
  for (let i = 0; i < 30; i += 1) last = (await signIn({ password: `stranger ${i}` }, `${prefix}.${i}.1`)).status;
  expect(last).toBe(429);
  expect((await signIn({ password: TEST_OWNER_PASSWORD }, `${prefix}.250.1`)).status).toBe(429);
}

afterEach(async () => {
  await resetAdminAccounts();
  restoreAdminEnv();
  vi.restoreAllMocks();
});

describe("POST /api/admin/session (owner sign-in)", () => {
  beforeEach(() => useOwnerLogin());

  it("answers the right password with 204 and an httpOnly, SameSite=Lax session cookie with an expiry", async () => {
    const response = await signIn({ password: TEST_OWNER_PASSWORD });
    expect(response.status).toBe(204);
    const cookie = parseSetCookie(response, OWNER_SESSION_COOKIE);
    expect(cookie?.value).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(cookie?.attributes).toMatchObject({ httponly: "true", samesite: "lax", path: "/" });
    expect(cookie?.attributes.secure).toBeUndefined(); // plain HTTP works in development and tests
    const expires = Date.parse(cookie!.attributes.expires!);
    expect(expires).toBeGreaterThan(Date.now() + 11 * 60 * 60 * 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 12 * 60 * 60 * 1000 + 1000);

    const whoAmI = await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(cookie!.value) }), context);
    expect(whoAmI.status).toBe(200);
    expect(await whoAmI.json()).toEqual({ admin: { provider: "owner", userId: "owner", label: "Store owner" } });
  });

  it("marks the cookie Secure in production", async () => {
    useOwnerLogin(PRODUCTION_BASE);
    const response = await signIn({ password: TEST_OWNER_PASSWORD });
    expect(response.status).toBe(204);
    expect(parseSetCookie(response, OWNER_SESSION_COOKIE)?.attributes.secure).toBe("true");
  });

  it("records the sign-in in the audit log", async () => {
    await signIn({ password: TEST_OWNER_PASSWORD }, "203.0.113.50");
    const [latest] = await (await db()).select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(latest).toMatchObject({ actor: "admin:owner (owner@localhost)", action: "admin.signed_in", data: { client: "203.0.113.50" } });
  });

  it("answers a wrong password with 401 JSON and no cookie", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const response = await signIn({ password: "wrong password" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "That password is not right." } });
    expect(parseSetCookie(response, OWNER_SESSION_COOKIE)).toBeNull();
  });

  it("answers a missing or malformed body with 400", async () => {
    expect((await signIn({})).status).toBe(400);
    expect((await signIn({ password: "" })).status).toBe(400);
    expect((await signIn({ password: 12345 })).status).toBe(400);
    const notJson = await signIn("{password:");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: "bad_request" } });
  });

  it("slows down repeated wrong passwords from one address with 429 and Retry-After, even for the right one", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const client = "192.0.2.99";
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await signIn({ password: `guess ${i}` }, client)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);

    const locked = await signIn({ password: TEST_OWNER_PASSWORD }, client);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: { code: "too_many_requests", details: { retryAfterSeconds: expect.any(Number) } } });
    expect(parseSetCookie(locked, OWNER_SESSION_COOKIE)).toBeNull();

    // Another address is not held back by this one's lockout.
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "192.0.2.100")).status).toBe(204);
    ownerSignInThrottle.recordSuccess(client);
  });

  it("counts guesses against the address our proxy saw, however X-Forwarded-For is rewritten by the client", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // One trusted proxy (TRUSTED_PROXY=1 in tests) appends the real address; the guesser controls what comes before it.
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await signIn({ password: `guess ${i}` }, `10.9.${i}.1, 192.0.2.150`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const [latest] = await (await db()).select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(latest?.data).not.toMatchObject({ client: expect.stringMatching(/^10\.9\./) });
    ownerSignInThrottle.recordSuccess("192.0.2.150");
  });

  it("has a global budget for wrong passwords that rotating real addresses cannot escape", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    ownerSignInGlobalThrottle.recordSuccess("all"); // earlier tests' wrong passwords count too
    const statuses = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await signIn({ password: `guess ${i}` }, `100.64.${i}.1`)).status);
    expect(statuses.slice(0, 29).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const fresh = await signIn({ password: TEST_OWNER_PASSWORD }, "100.64.200.1");
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(0);
    ownerSignInGlobalThrottle.recordSuccess("all");
  });

  it("gives the browser that signed in a long-lived, httpOnly, SameSite=Strict device cookie, Secure in production", async () => {
    const response = await signIn({ password: TEST_OWNER_PASSWORD });
    const device = parseSetCookie(response, OWNER_DEVICE_COOKIE);
    expect(device?.value).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(device?.attributes).toMatchObject({ httponly: "true", samesite: "strict", path: "/" });
    expect(device?.attributes.secure).toBeUndefined();
    expect(Date.parse(device!.attributes.expires!)).toBeGreaterThan(Date.now() + 364 * 24 * 60 * 60 * 1000);
    // A device cookie is not a session: it opens nothing by itself.
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(device!.value) }), context)).status).toBe(401);
    expect((await GET(adminRequest("/api/admin/session", { cookie: `${OWNER_DEVICE_COOKIE}=${device!.value}` }), context)).status).toBe(401);

    useOwnerLogin(PRODUCTION_BASE);
    const production = await signIn({ password: TEST_OWNER_PASSWORD });
    expect(parseSetCookie(production, OWNER_DEVICE_COOKIE)?.attributes.secure).toBe("true");
  });

  it("lets the owner's browser sign in with its device cookie while strangers have the sign-in locked, even from a locked address", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const device = await deviceCookieFromSignIn("203.0.113.80");
    await lockOutEveryStranger("100.65");
    // The owner's own address is locked too (a stranger guessed from it, or no proxy makes everyone one client).
    for (let i = 0; i < 5; i += 1) await signIn({ password: `from the owner's address ${i}` }, "203.0.113.80");
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "203.0.113.80")).status).toBe(429);

    const owner = await signIn({ password: TEST_OWNER_PASSWORD }, "203.0.113.80", device);
    expect(owner.status).toBe(204);
    const session = parseSetCookie(owner, OWNER_SESSION_COOKIE)!;
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(session.value) }), context)).status).toBe(200);
    // …and gets a fresh device cookie that works the same way.
    const renewed = parseSetCookie(owner, OWNER_DEVICE_COOKIE)!.value;
    expect(renewed).not.toBe(device);
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "203.0.113.81", renewed)).status).toBe(204);
    // Strangers are still locked out.
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "100.65.251.1")).status).toBe(429);
    ownerSignInGlobalThrottle.recordSuccess("all");
    ownerSignInThrottle.recordSuccess("203.0.113.80");
  });

  it("gives a forged, tampered, expired or foreign device cookie no way past the lockout", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const genuine = await deviceCookieFromSignIn("203.0.113.90");
    await lockOutEveryStranger("100.66");
    const tampered = `${genuine.slice(0, 12)}${genuine[12] === "A" ? "B" : "A"}${genuine.slice(13)}`;
    const expired = issueOwnerDevice({ secret: TEST_SESSION_SECRET, password: TEST_OWNER_PASSWORD }, Date.now() - 366 * 24 * 60 * 60 * 1000).token;
    const otherSecret = issueOwnerDevice({ secret: "another-session-secret-0123456789abcdef", password: TEST_OWNER_PASSWORD }, Date.now()).token;
    const oldPassword = issueOwnerDevice({ secret: TEST_SESSION_SECRET, password: "the password before it was changed" }, Date.now()).token;
    const forgedPayload = `${Buffer.from(JSON.stringify({ v: 1, sub: "owner-device", id: "x".repeat(24), iat: Date.now(), exp: Date.now() + 1e10 })).toString("base64url")}.${genuine.split(".")[1]}`;
    const sessionToken = ownerSessionToken();
    const cookies = Object.entries({ tampered, expired, otherSecret, oldPassword, forgedPayload, sessionToken, garbage: "not-a-cookie" });
    for (const [index, [what, cookie]] of cookies.entries()) {
      const response = await signIn({ password: TEST_OWNER_PASSWORD }, `100.66.240.${index + 1}`, cookie);
      expect(response.status, what).toBe(429);
      expect(parseSetCookie(response, OWNER_SESSION_COOKIE), what).toBeNull();
    }
    ownerSignInGlobalThrottle.recordSuccess("all");
  });

  it("counts a device's wrong passwords against that device alone, and locks only it", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    ownerSignInGlobalThrottle.recordSuccess("all");
    const guessing = await deviceCookieFromSignIn("203.0.113.100");
    const other = await deviceCookieFromSignIn("203.0.113.101");
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await signIn({ password: `guess ${i}` }, `100.67.${i}.1`, guessing)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Locked: the right password from that device waits, whatever address it comes from…
    const locked = await signIn({ password: TEST_OWNER_PASSWORD }, "100.67.100.1", guessing);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // …while another device, and a browser without one, are not held back by it.
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "100.67.101.1", other)).status).toBe(204);
    expect((await signIn({ password: TEST_OWNER_PASSWORD }, "100.67.102.1")).status).toBe(204);
  });

  it("is refused when Clerk is the configured sign-in", async () => {
    useClerk("user_owner", { ADMIN_PASSWORD: TEST_OWNER_PASSWORD, SESSION_SECRET: TEST_SESSION_SECRET });
    const response = await signIn({ password: TEST_OWNER_PASSWORD });
    expect(response.status).toBe(403);
    expect(parseSetCookie(response, OWNER_SESSION_COOKIE)).toBeNull();
  });

  it("is closed in production without SESSION_SECRET, or without ADMIN_PASSWORD before the first account, and says so loudly in the log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await removeAllAdminAccounts();
    for (const missing of ["ADMIN_PASSWORD", "SESSION_SECRET"] as const) {
      useOwnerLogin({ ...PRODUCTION_BASE, [missing]: undefined });
      const response = await signIn({ password: TEST_OWNER_PASSWORD });
      expect(response.status).toBe(503);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unavailable");
      expect(body.error.message).not.toMatch(/ADMIN_PASSWORD|SESSION_SECRET/); // the public learns nothing about the config
      expect(parseSetCookie(response, OWNER_SESSION_COOKIE)).toBeNull();
    }
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("ADMIN CLOSED"));
  });
});

describe("DELETE /api/admin/session (sign-out)", () => {
  beforeEach(() => useOwnerLogin());

  it("answers 204 and clears the cookie", async () => {
    const response = await DELETE(adminRequest("/api/admin/session", { method: "DELETE", cookie: ownerCookie() }), context);
    expect(response.status).toBe(204);
    const cookie = parseSetCookie(response, OWNER_SESSION_COOKIE);
    expect(cookie?.value).toBe("");
    expect(Date.parse(cookie!.attributes.expires!)).toBeLessThan(Date.now());
    const [latest] = await (await db()).select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(latest?.action).toBe("admin.signed_out");
  });

  it("ends the session server-side: the same token no longer works after sign-out", async () => {
    const token = ownerSessionToken();
    const other = ownerSessionToken();
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(token) }), context)).status).toBe(200);
    expect((await DELETE(adminRequest("/api/admin/session", { method: "DELETE", cookie: ownerCookie(token) }), context)).status).toBe(204);
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(token) }), context)).status).toBe(401);
    // Signing out one browser leaves the owner's other sessions alone.
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(other) }), context)).status).toBe(200);
  });

  it("signs out everywhere: every session issued so far stops working, a new sign-in works", async () => {
    const laptop = ownerSessionToken(Date.now() - 1000);
    const phone = ownerSessionToken(Date.now() - 1000);
    const everywhere = await DELETE(adminRequest("/api/admin/session?everywhere=1", { method: "DELETE", cookie: ownerCookie(laptop) }), context);
    expect(everywhere.status).toBe(204);
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(phone) }), context)).status).toBe(401);
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(laptop) }), context)).status).toBe(401);
    const [latest] = await (await db()).select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(latest?.action).toBe("admin.signed_out_everywhere");
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await signIn({ password: TEST_OWNER_PASSWORD });
    const cookie = parseSetCookie(again, OWNER_SESSION_COOKIE)!;
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(cookie.value) }), context)).status).toBe(200);
  });

  it("lets no stranger sign the owner out everywhere", async () => {
    const owner = ownerSessionToken();
    await DELETE(adminRequest("/api/admin/session?everywhere=1", { method: "DELETE", cookie: ownerCookie("forged.token") }), context);
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(owner) }), context)).status).toBe(200);
  });

  it("works without a session too (signing out twice is harmless)", async () => {
    const response = await DELETE(adminRequest("/api/admin/session", { method: "DELETE" }), context);
    expect(response.status).toBe(204);
  });
});

describe("GET /api/admin/session (who is signed in)", () => {
  it("refuses an anonymous caller with 401 JSON", async () => {
    useOwnerLogin();
    const response = await GET(adminRequest("/api/admin/session"), context);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to the admin first." } });
  });

  it("refuses a tampered or expired cookie", async () => {
    useOwnerLogin();
    const token = ownerSessionToken();
    const tampered = `${token.slice(0, 10)}${token[10] === "x" ? "y" : "x"}${token.slice(11)}`;
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(tampered) }), context)).status).toBe(401);
    const expired = ownerSessionToken(Date.now() - 13 * 60 * 60 * 1000);
    expect((await GET(adminRequest("/api/admin/session", { cookie: ownerCookie(expired) }), context)).status).toBe(401);
  });

  it("knows a Clerk admin on the allowlist, and refuses a Clerk user who is not on it", async () => {
    useClerk("user_owner, user_partner");
    let signedIn: string | null = "user_partner";
    const restore = replaceClerkUserIdSource(async () => signedIn);
    try {
      const allowed = await GET(adminRequest("/api/admin/session"), context);
      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toEqual({ admin: { provider: "clerk", userId: "user_partner", label: "user_partner" } });

      signedIn = "user_stranger";
      const refused = await GET(adminRequest("/api/admin/session"), context);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    } finally {
      restore();
    }
  });
});
