// The response headers every page and API answer carries, set once through next.config.ts headers().
import type { Env } from "@/lib/env";

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/** Where Stripe Checkout lives: the shopper is sent there, and returns from it, by navigation. */
const STRIPE_CHECKOUT = "https://checkout.stripe.com";

/** Clerk's Frontend API host, which a publishable key carries base64-encoded (`pk_live_<base64 of "host$">`). */
export function clerkFrontendApiHost(publishableKey: string | undefined): string | null {
  const encoded = publishableKey?.split("_")[2];
  if (!encoded) return null;
  const host = Buffer.from(encoded, "base64").toString("utf8").replace(/\$$/, "");
  return /^[a-z0-9.-]+$/i.test(host) ? host : null;
}

/**
 * The Content-Security-Policy. Scripts come only from this origin; `'unsafe-inline'` stays because
 * Next's App Router streams its payload in inline scripts, and a nonce would need every response
 * rendered through middleware (the header is set once, statically). What the policy still buys:
 * no script, frame, plugin or form target from any other origin, no `<base>` hijack, no framing.
 * Development adds what React's dev build and hot reload need (eval, websockets).
 */
export function contentSecurityPolicy(config: Env, options: { frameAncestors: "'none'" | "'self'" }): string {
  const clerk = config.hasClerk ? clerkFrontendApiHost(config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) : null;
  // Clerk's components load its script from the Frontend API and may run a bot check in a frame; its avatars
  // (img.clerk.com) are already allowed by img-src's `https:`.
  const clerkScript = clerk ? [`https://${clerk}`, "https://challenges.cloudflare.com"] : [];
  const clerkConnect = clerk ? [`https://${clerk}`] : [];
  const clerkFrames = clerk ? ["https://challenges.cloudflare.com"] : [];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(config.isDevelopment ? ["'unsafe-eval'"] : []), ...clerkScript],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(config.isDevelopment ? ["ws:", "wss:"] : []), ...clerkConnect],
    "frame-src": ["'self'", ...clerkFrames],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    // A form's redirect counts against form-action in Chromium: allow the way out to Stripe Checkout.
    "form-action": ["'self'", STRIPE_CHECKOUT],
    "frame-ancestors": [options.frameAncestors],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/**
 * Rules for next.config.ts headers(). Later rules override earlier ones for the same header, so the
 * admin's stricter framing replaces the storefront's on /admin.
 */
export function securityHeaders(config: Env): HeaderRule[] {
  const everywhere = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // Browsers ignore it over plain HTTP; sent by production servers, which are reached over HTTPS.
    ...(config.isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
    // The storefront may frame itself (nothing does today); no other site may.
    { key: "Content-Security-Policy", value: contentSecurityPolicy(config, { frameAncestors: "'self'" }) },
  ];
  const adminOnly = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(config, { frameAncestors: "'none'" }) },
    { key: "X-Frame-Options", value: "DENY" },
  ];
  return [
    { source: "/:path*", headers: everywhere },
    { source: "/admin", headers: adminOnly },
    { source: "/admin/:path*", headers: adminOnly },
  ];
}
