// Test helper: Clerk-style session tokens signed with a key of the test's own, verified by Clerk's real
// middleware through CLERK_JWT_KEY, so the Clerk path runs without Clerk's servers.
import { createSign, generateKeyPairSync } from "node:crypto";

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

/** The PEM public key to put in CLERK_JWT_KEY. */
export const TEST_CLERK_JWT_KEY = publicKey.export({ type: "spki", format: "pem" }).toString();

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

type TokenOptions = {
  expiresInSeconds?: number;
  issuer?: string;
  /** The origin of the page the token was minted for; the tests' default APP_URL. */
  authorizedParty?: string;
};

/** A session token as Clerk's frontend would set it in the `__session` cookie. */
export function clerkSessionToken(
  userId: string,
  { expiresInSeconds = 60, issuer = "https://clerk.example.com", authorizedParty = "http://localhost:3000" }: TokenOptions = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: "RS256", typ: "JWT", kid: "ins_test" });
  const payload = base64url({
    sub: userId,
    sid: "sess_test",
    iss: issuer,
    azp: authorizedParty,
    iat: now - 5,
    nbf: now - 5,
    exp: now + expiresInSeconds,
    v: 2,
  });
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey).toString("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The cookies a signed-in Clerk browser sends: the session token and the client's "last active" time. */
export function clerkSessionCookie(token: string): string {
  return `__session=${token}; __client_uat=${Math.floor(Date.now() / 1000) - 5}`;
}
