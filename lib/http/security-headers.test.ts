import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clerkFrontendApiHost, contentSecurityPolicy, securityHeaders } from "./security-headers";

const production = parseEnv({ NODE_ENV: "production", APP_URL: "https://shop.example.com" });
const development = parseEnv({ NODE_ENV: "test" });

function headersFor(rules: ReturnType<typeof securityHeaders>, source: string) {
  return Object.fromEntries(rules.find((rule) => rule.source === source)!.headers.map(({ key, value }) => [key, value]));
}

describe("security headers", () => {
  it("send nosniff, a referrer policy, HSTS in production and a CSP on every path", () => {
    const all = headersFor(securityHeaders(production), "/:path*");
    expect(all["X-Content-Type-Options"]).toBe("nosniff");
    expect(all["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(all["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(all["Content-Security-Policy"]).toContain("default-src 'self'");
    expect(all["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(all["Content-Security-Policy"]).toContain("form-action 'self' https://checkout.stripe.com");
    expect(headersFor(securityHeaders(development), "/:path*")["Strict-Transport-Security"]).toBeUndefined();
  });

  it("forbid framing the admin anywhere", () => {
    for (const source of ["/admin", "/admin/:path*"]) {
      const admin = headersFor(securityHeaders(production), source);
      expect(admin["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(admin["X-Frame-Options"]).toBe("DENY");
    }
  });

  it("let Clerk's script and API through only when Clerk is configured", () => {
    const key = `pk_live_${Buffer.from("clerk.shop.example.com$").toString("base64")}`;
    expect(clerkFrontendApiHost(key)).toBe("clerk.shop.example.com");
    const withClerk = parseEnv({ NODE_ENV: "production", NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: key, CLERK_SECRET_KEY: "sk_live_x" });
    expect(contentSecurityPolicy(withClerk, { frameAncestors: "'none'" })).toContain("script-src 'self' 'unsafe-inline' https://clerk.shop.example.com");
    expect(contentSecurityPolicy(production, { frameAncestors: "'none'" })).not.toContain("clerk");
  });
});
