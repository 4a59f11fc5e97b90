import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/app-error";
import { register } from "@/instrumentation";
import {
  PRODUCTION_BASE,
  restoreAdminEnv,
  TEST_CLERK_KEYS,
  TEST_OWNER_ACCOUNT,
  TEST_OWNER_PASSWORD,
  TEST_SESSION_SECRET,
  useClerk,
  useOwnerLogin,
} from "@/tests/factories/admin-env";
import { requestScope, expectRedirect } from "@/tests/factories/admin-request-scope";
import { adminRequest, ownerCookie, ownerSessionToken } from "@/tests/factories/admin-requests";
import { requireAdmin } from "./admin";
import { ADMIN_PATH_HEADER } from "./admin-paths";
import { bootConfigurationWarning } from "./boot-warning";
import { replaceClerkUserIdSource } from "./clerk-identity";
import { OWNER_SESSION_COOKIE } from "./owner-session";
import { signSessionToken } from "./session-token";
import { httpStatusOf } from "@/lib/http/errors";

// Pages and server actions read the request through next/headers; outside Next, the test supplies it.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));

let signedInClerkUser: string | null = null;
let restoreClerkSource: () => void;

beforeEach(() => {
  requestScope.reset();
  signedInClerkUser = null;
  restoreClerkSource = replaceClerkUserIdSource(async () => signedInClerkUser);
});

afterEach(() => {
  restoreClerkSource();
  restoreAdminEnv();
  vi.restoreAllMocks();
});

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("requireAdmin with the owner login", () => {
  beforeEach(() => useOwnerLogin());

  it("lets in a request carrying a valid owner session", async () => {
    const admin = await requireAdmin({ request: adminRequest("/api/admin/anything", { cookie: ownerCookie() }) });
    expect(admin).toEqual({ provider: "owner", userId: "owner", role: "owner", label: "Store owner", actor: "admin:owner (owner@localhost)" });
  });

  it("refuses an API request without a session with 401", async () => {
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") })))).toBe(401);
  });

  it("refuses a session that has expired", async () => {
    const stale = ownerCookie(ownerSessionToken(Date.now() - 24 * 60 * 60 * 1000));
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything", { cookie: stale }) })))).toBe(401);
  });

  it("sends an anonymous page visitor to sign-in, remembering where they were going", async () => {
    requestScope.setHeader(ADMIN_PATH_HEADER, "/admin/orders?status=on_hold");
    expect(await expectRedirect(() => requireAdmin())).toBe("/admin/sign-in?next=%2Fadmin%2Forders%3Fstatus%3Don_hold");
  });

  it("lets a page through for the owner's cookie", async () => {
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    await expect(requireAdmin()).resolves.toMatchObject({ provider: "owner" });
  });
});

describe("requireAdmin with Clerk", () => {
  it("lets in a signed-in user whose id is on ADMIN_USER_IDS", async () => {
    useClerk(" user_owner ,user_partner ");
    signedInClerkUser = "user_partner";
    await expect(requireAdmin({ request: adminRequest("/api/admin/anything") })).resolves.toEqual({
      provider: "clerk",
      userId: "user_partner",
      role: "owner",
      label: "user_partner",
      actor: "admin:user_partner",
    });
  });

  it("lets a user on STAFF_USER_IDS in as staff, refused what needs an owner: 403 JSON, and a page goes to the not-allowed page", async () => {
    useClerk("user_owner", { STAFF_USER_IDS: "user_packer" });
    signedInClerkUser = "user_packer";
    await expect(requireAdmin({ request: adminRequest("/api/admin/anything"), role: "staff" })).resolves.toMatchObject({ role: "staff" });
    const refused = await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") }));
    expect(httpStatusOf(refused)).toBe(403);
    expect(await expectRedirect(() => requireAdmin())).toBe("/admin/not-allowed");
    await expect(requireAdmin({ role: "staff" })).resolves.toMatchObject({ userId: "user_packer", role: "staff" });
  });

  it("makes an id on both lists an owner", async () => {
    useClerk("user_both", { STAFF_USER_IDS: "user_both" });
    signedInClerkUser = "user_both";
    await expect(requireAdmin({ request: adminRequest("/api/admin/anything") })).resolves.toMatchObject({ role: "owner" });
  });

  it("refuses a signed-in user who is not on the list with 403, and a page visit with a redirect", async () => {
    useClerk("user_owner");
    signedInClerkUser = "user_someone_else";
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") })))).toBe(403);
    expect(await expectRedirect(() => requireAdmin())).toBe("/admin/sign-in");
  });

  it("refuses a signed-out visitor with 401", async () => {
    useClerk("user_owner");
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") })))).toBe(401);
  });

  it("ignores an owner session cookie: with Clerk configured the password login is off", async () => {
    useOwnerLogin();
    const cookie = ownerCookie();
    useClerk("user_owner", { ADMIN_PASSWORD: TEST_OWNER_PASSWORD, SESSION_SECRET: TEST_SESSION_SECRET });
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything", { cookie }) })))).toBe(401);
  });
});

describe("the admin fails closed in production", () => {
  it("without SESSION_SECRET nobody gets in; without ADMIN_PASSWORD the accounts that exist still do", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    useOwnerLogin({ ...PRODUCTION_BASE, ADMIN_PASSWORD: undefined });
    const owner = signSessionToken(TEST_SESSION_SECRET, TEST_OWNER_ACCOUNT, Date.now(), 60_000);
    expect((await requireAdmin({ request: adminRequest("/api/admin/anything", { cookie: ownerCookie(owner) }) })).userId).toBe("owner");

    useOwnerLogin({ ...PRODUCTION_BASE, SESSION_SECRET: undefined });
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") })))).toBe(503);
    expect(await expectRedirect(() => requireAdmin())).toBe("/admin/sign-in");
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("ADMIN CLOSED"));
  });

  it("with Clerk and no ADMIN_USER_IDS nobody gets in, and every refusal logs one loud line", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    useClerk(undefined, PRODUCTION_BASE);
    signedInClerkUser = "user_owner";
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything") })))).toBe(503);
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/other") })))).toBe(503);
    const loudLines = errors.mock.calls.filter(([line]) => String(line).includes("ADMIN_USER_IDS is empty"));
    expect(loudLines).toHaveLength(2);
  });

  it("still lets in an allowlisted Clerk user once ADMIN_USER_IDS is set", async () => {
    useClerk("user_owner", PRODUCTION_BASE);
    signedInClerkUser = "user_owner";
    await expect(requireAdmin({ request: adminRequest("/api/admin/anything") })).resolves.toMatchObject({ userId: "user_owner" });
  });
});

describe("an invalid SESSION_SECRET", () => {
  it("closes the admin loudly while the storefront keeps serving", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    useOwnerLogin({ ...PRODUCTION_BASE, SESSION_SECRET: "too-short" });
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    try {
      await register();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(errors.mock.calls[0]?.[0]).toMatch(/SESSION_SECRET \(shorter than 32 characters\).*closed until configured: admin/);
    const { GET: health } = await import("@/app/api/health/route");
    expect((await health()).status).toBe(200);
    const forged = signSessionToken("too-short", TEST_OWNER_ACCOUNT, Date.now(), 60_000);
    expect(httpStatusOf(await refusal(requireAdmin({ request: adminRequest("/api/admin/anything", { cookie: ownerCookie(forged) }) })))).toBe(503);
  });
});

describe("the boot line", () => {
  it("names the missing owner-login secrets in production", () => {
    useOwnerLogin({ ...PRODUCTION_BASE, ADMIN_PASSWORD: undefined, SESSION_SECRET: undefined });
    expect(bootConfigurationWarning()).toMatch(/MISSING CONFIGURATION: SESSION_SECRET not set; closed until configured: admin/);
  });

  it("spells out the Clerk-without-allowlist trap in the same single line", () => {
    useClerk(undefined, PRODUCTION_BASE);
    const line = bootConfigurationWarning();
    expect(line).toContain("ADMIN_USER_IDS");
    expect(line).toContain("ADMIN CLOSED: Clerk is configured but ADMIN_USER_IDS is empty");
    expect(line).not.toContain("\n");
  });

  it("is silent when production is fully configured", () => {
    useOwnerLogin(PRODUCTION_BASE);
    expect(bootConfigurationWarning()).toBeNull();
    useClerk("user_owner", { ...PRODUCTION_BASE, ...TEST_CLERK_KEYS });
    expect(bootConfigurationWarning()).toBeNull();
  });

  it("is printed by the server's instrumentation hook at boot", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    useClerk(undefined, PRODUCTION_BASE);
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    try {
      await register();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors.mock.calls[0]?.[0]).toContain("ADMIN CLOSED");
  });
});

describe("the boot line about accounts", () => {
  it("says ADMIN_PASSWORD opens nothing once accounts exist, and that the admin is closed with neither", async () => {
    const { bootAccountsLine } = await import("./boot-warning");
    const { removeAllAdminAccounts, resetAdminAccounts } = await import("@/tests/factories/admin-accounts");
    useOwnerLogin(PRODUCTION_BASE);
    expect(await bootAccountsLine()).toMatch(/ADMIN_PASSWORD opens nothing any more/);
    useOwnerLogin({ ...PRODUCTION_BASE, ADMIN_PASSWORD: undefined });
    expect(await bootAccountsLine()).toBeNull();
    await removeAllAdminAccounts();
    try {
      expect(await bootAccountsLine()).toMatch(/ADMIN CLOSED/);
      useOwnerLogin(PRODUCTION_BASE);
      expect(await bootAccountsLine()).toBeNull();
    } finally {
      await resetAdminAccounts();
    }
  });
});
