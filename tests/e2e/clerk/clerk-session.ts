// Test helper: a browser signed in or out the way Clerk's frontend leaves it, with tokens minted here,
// and Clerk's frontend API stood in for offline (its script never loads; its handshake answers "signed out").
import type { BrowserContext } from "@playwright/test";
import { clerkSessionToken, signClerkJwt, type ClerkTokenOptions } from "../../factories/admin-clerk";
import { CLERK_ISSUER, clerkKeyPair } from "./clerk-instance";

/** Sets `__session` and `__client_uat` (never later than the token's iat, or Clerk would ask for a fresher token). */
export async function setClerkSession(context: BrowserContext, baseURL: string, userId: string, options: ClerkTokenOptions = {}): Promise<void> {
  const token = clerkSessionToken(userId, {
    issuer: CLERK_ISSUER,
    authorizedParty: new URL(baseURL).origin,
    privateKey: clerkKeyPair().privateKey,
    ...options,
  });
  const { iat } = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { iat: number };
  await context.addCookies([
    { name: "__session", value: token, url: baseURL },
    { name: "__client_uat", value: String(iat), url: baseURL },
  ]);
}

/** What Clerk's frontend leaves behind on sign-out: no session token, and a client last active at 0. */
export async function clearClerkSession(context: BrowserContext, baseURL: string): Promise<void> {
  await context.clearCookies({ name: "__session" });
  await context.addCookies([{ name: "__client_uat", value: "0", url: baseURL }]);
}

/** Nothing reaches Clerk's servers: its browser script is refused, and pages render without it. */
export async function refuseClerkFrontendApi(context: BrowserContext): Promise<void> {
  await context.route(`${CLERK_ISSUER}/**`, (route) => route.abort());
}

/**
 * Where Clerk's handshake endpoint (`location`, where the middleware sends a browser whose token has
 * expired) sends it back for a session that has ended: to the page, with a handshake token signed
 * by the instance's key that clears the session cookies.
 */
export function handshakeAnswerForEndedSession(location: string): { reason: string | null; back: string } {
  const url = new URL(location);
  if (url.origin !== CLERK_ISSUER || url.pathname !== "/v1/client/handshake") throw new Error(`not Clerk's handshake: ${location}`);
  const back = new URL(url.searchParams.get("redirect_url") ?? "");
  const directives = ["__session=; Path=/; Max-Age=0", "__client_uat=0; Path=/; Max-Age=31536000"];
  back.searchParams.set("__clerk_handshake", signClerkJwt(clerkKeyPair().privateKey, { handshake: directives }));
  return { reason: url.searchParams.get("__clerk_hs_reason"), back: back.href };
}
