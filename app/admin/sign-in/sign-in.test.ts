import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OWNER_DEVICE_COOKIE } from "@/lib/auth/owner-device";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { PRODUCTION_BASE, restoreAdminEnv, TEST_OWNER_PASSWORD, useOwnerLogin } from "@/tests/factories/admin-env";
import { expectRedirect, requestScope } from "@/tests/factories/admin-request-scope";
import { ownerSessionToken } from "@/tests/factories/admin-requests";
import { createAdminAccount, removeAllAdminAccounts, resetAdminAccounts } from "@/tests/factories/admin-accounts";
import { signOutAction } from "../actions";
import { signInAction } from "./actions";
import SignInPage from "./page";

// The form's server action and the page read the request through next/headers; the test supplies it.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));

let client = 0;
beforeEach(() => {
  requestScope.reset();
  requestScope.setHeader("x-forwarded-for", `198.18.0.${++client}`);
  useOwnerLogin();
});
afterEach(async () => {
  await resetAdminAccounts();
  restoreAdminEnv();
  vi.restoreAllMocks();
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const noError = { error: null };

describe("the sign-in form", () => {
  it("signs the owner in with a session cookie and returns them where they were going", async () => {
    const target = await expectRedirect(() => signInAction(noError, form({ password: TEST_OWNER_PASSWORD, next: "/admin/orders?status=on_hold" })));
    expect(target).toBe("/admin/orders?status=on_hold");
    const [write] = requestScope.writes;
    expect(write?.name).toBe(OWNER_SESSION_COOKIE);
    expect(write?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false, path: "/" });
  });

  it("never sends the owner off the admin after signing in", async () => {
    for (const next of ["https://evil.example/admin", "//evil.example/admin", "/\\evil.example", "/products", "/admin/sign-in", "javascript:alert(1)"]) {
      requestScope.reset();
      expect(await expectRedirect(() => signInAction(noError, form({ password: TEST_OWNER_PASSWORD, next }))), next).toBe("/admin");
    }
  });

  it("signs in by email, and asks for it once the shop has a second account", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await createAdminAccount({ email: "sam@example.com", password: "sams long password" });
    expect(await signInAction(noError, form({ password: TEST_OWNER_PASSWORD }))).toEqual({ error: "Enter your email address as well as your password." });
    expect(await expectRedirect(() => signInAction(noError, form({ email: "Sam@Example.com", password: "sams long password" })))).toBe("/admin");
    expect((await signInAction(noError, form({ email: "sam@example.com", password: TEST_OWNER_PASSWORD }))).error).toMatch(/do not match/);
  });

  it("explains a wrong or missing password without setting a cookie", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await signInAction(noError, form({ password: "nope" }))).toEqual({ error: "That password is not right." });
    expect(await signInAction(noError, form({ password: "" }))).toEqual({ error: "Enter the password." });
    expect(await signInAction(noError, form({}))).toEqual({ error: "Enter the password." });
    expect(requestScope.writes).toEqual([]);
  });

  it("tells a guesser to wait once the address is locked out", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    let state = noError as { error: string | null };
    for (let i = 0; i < 5; i += 1) state = await signInAction(noError, form({ password: `guess ${i}` }));
    expect(state.error).toMatch(/^Too many wrong passwords\. Try again in/);
  });

  it("remembers the browser with a device cookie, and lets it sign in while its address is locked out", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    await expectRedirect(() => signInAction(noError, form({ password: TEST_OWNER_PASSWORD })));
    const device = requestScope.writes.find((write) => write.name === OWNER_DEVICE_COOKIE);
    expect(device?.options).toMatchObject({ httpOnly: true, sameSite: "strict", secure: false, path: "/" });

    // A stranger locks this address; the owner's browser, sending its device cookie, still gets in.
    requestScope.reset();
    requestScope.setHeader("x-forwarded-for", "198.18.9.9");
    for (let i = 0; i < 5; i += 1) await signInAction(noError, form({ password: `guess ${i}` }));
    expect((await signInAction(noError, form({ password: TEST_OWNER_PASSWORD }))).error).toMatch(/^Too many wrong passwords/);
    requestScope.setCookie(OWNER_DEVICE_COOKIE, device!.value);
    expect(await expectRedirect(() => signInAction(noError, form({ password: TEST_OWNER_PASSWORD })))).toBe("/admin");
  });
});

describe("signing out", () => {
  it("clears the session cookie and lands on the sign-in page", async () => {
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    expect(await expectRedirect(() => signOutAction())).toBe("/admin/sign-in?signed_out=1");
    expect(requestScope.writes).toEqual([
      { name: OWNER_SESSION_COOKIE, value: "", options: expect.objectContaining({ expires: new Date(0), httpOnly: true }) },
    ]);
  });
});

describe("the sign-in page", () => {
  const render = async (searchParams: Record<string, string> = {}) =>
    renderToStaticMarkup((await SignInPage({ searchParams: Promise.resolve(searchParams) })) as React.ReactElement);

  it("shows a labelled password form that remembers where the owner was going", async () => {
    const html = await render({ next: "/admin/inventory" });
    expect(html).toContain('<label for="admin-password"');
    expect(html).toContain('<label for="admin-email"');
    expect(html).toMatch(/<input[^>]*id="admin-email"[^>]*type="email"/);
    expect(html).toMatch(/<input[^>]*id="admin-password"[^>]*type="password"/);
    expect(html).toContain('name="next" value="/admin/inventory"');
    expect(html).toContain('role="alert"');
  });

  it("confirms a sign-out", async () => {
    expect(await render({ signed_out: "1" })).toContain("You have signed out.");
  });

  it("sends an owner who is already signed in straight on", async () => {
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    expect(await expectRedirect(() => render({ next: "/admin/emails" }))).toBe("/admin/emails");
  });

  it("says the admin is closed when production lacks its secrets, and offers no form", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await removeAllAdminAccounts();
    useOwnerLogin({ ...PRODUCTION_BASE, ADMIN_PASSWORD: undefined });
    const html = await render();
    expect(html).toContain("The admin is closed");
    expect(html).not.toContain("admin-password");
  });
});
