// The signed one-click unsubscribe link of a waitlist email: the sign-up's id and an HMAC of it, nothing to look up.
// Here in lib/email, not lib/waitlist, because the outbox's drain puts it in each email's headers as it sends.
import { createHmac } from "node:crypto";
import { derivedSecret } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { secretsMatch } from "@/lib/secrets-match";

const PURPOSE = "waitlist-unsubscribe";

function signatureOf(signupId: number, secret: string): string {
  return createHmac("sha256", derivedSecret(secret, PURPOSE)).update(`${PURPOSE}:${signupId}`).digest().subarray(0, 16).toString("base64url");
}

/**
 * `<signup id>.<signature>` under a key derived from SESSION_SECRET, so it works without a login and
 * cannot be made for another sign-up. It never expires: a knitter may unsubscribe from an old email.
 * Null without a secret to sign with.
 */
export function waitlistUnsubscribeToken(signupId: number, secret: string | undefined = env().SESSION_SECRET): string | null {
  return secret ? `${signupId}.${signatureOf(signupId, secret)}` : null;
}

/** The sign-up a token names, or null when it is malformed or its signature does not match. */
export function signupIdOfToken(token: string, secret: string | undefined = env().SESSION_SECRET): number | null {
  const match = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match || !secret) return null;
  const signupId = Number(match[1]);
  return Number.isSafeInteger(signupId) && secretsMatch(match[2]!, signatureOf(signupId, secret)) ? signupId : null;
}

/** The page an email's link opens: it says which colourway and asks to confirm (a link preview must not unsubscribe). */
export const WAITLIST_UNSUBSCRIBE_PAGE = "/waitlist/unsubscribe";
/** Where the confirmation, and a mail client's RFC 8058 one-click POST, go. */
export const WAITLIST_UNSUBSCRIBE_API = "/api/waitlist/unsubscribe";

export function waitlistUnsubscribePath(base: string, token: string): string {
  return `${base}?token=${encodeURIComponent(token)}`;
}

const absoluteUrl = (base: string, token: string) => new URL(waitlistUnsubscribePath(base, token), env().APP_URL).toString();

/** Absolute, for email. */
export function waitlistUnsubscribeUrl(token: string): string {
  return absoluteUrl(WAITLIST_UNSUBSCRIBE_PAGE, token);
}

const EMAIL_KEY_PREFIX = "waitlist/";
const EMAIL_KEY = new RegExp(`^${EMAIL_KEY_PREFIX}([1-9][0-9]{0,15})$`);

/** The outbox key of the waitlist email to one sign-up: one email per sign-up, and how the drain knows whose link to add. */
export const waitlistEmailKey = (signupId: number) => `${EMAIL_KEY_PREFIX}${signupId}`;

/**
 * RFC 2369's List-Unsubscribe and RFC 8058's List-Unsubscribe-Post for a waitlist email, made as it
 * is sent from the sign-up its outbox key names (the row keeps no headers); undefined for any other
 * email. A mail client then offers its own Unsubscribe button and POSTs "List-Unsubscribe=One-Click"
 * to the API's link, which acts on the token alone; a client that opens the link instead is sent on
 * to the confirm page.
 */
export function listUnsubscribeHeaders(idempotencyKey: string): Record<string, string> | undefined {
  const match = EMAIL_KEY.exec(idempotencyKey);
  const token = match ? waitlistUnsubscribeToken(Number(match[1])) : null;
  if (!token) return undefined;
  return {
    "List-Unsubscribe": `<${absoluteUrl(WAITLIST_UNSUBSCRIBE_API, token)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}
