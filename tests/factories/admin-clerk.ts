// Test helper: Clerk-style session tokens signed with a key of the test's own, verified by Clerk's real
// middleware through CLERK_JWT_KEY, so the Clerk path runs without Clerk's servers.
import { createSign, generateKeyPairSync } from "node:crypto";

/** A 2048-bit RSA pair as PEM: the public half goes in CLERK_JWT_KEY, the private half signs tokens. */
export function generateClerkKeyPair(): { publicKey: string; privateKey: string } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicKey: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

const testPair = generateClerkKeyPair();

/** The PEM public key to put in CLERK_JWT_KEY. */
export const TEST_CLERK_JWT_KEY = testPair.publicKey;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An RS256 JWT as Clerk signs them (session tokens and handshake payloads alike). */
export function signClerkJwt(privateKey: string, payload: Record<string, unknown>): string {
  const header = base64url({ alg: "RS256", typ: "JWT", kid: "ins_test" });
  const body = base64url(payload);
  const signature = createSign("RSA-SHA256").update(`${header}.${body}`).sign(privateKey).toString("base64url");
  return `${header}.${body}.${signature}`;
}

export type ClerkTokenOptions = {
  expiresInSeconds?: number;
  issuer?: string;
  /** The origin of the page the token was minted for; the tests' default APP_URL. */
  authorizedParty?: string;
  /** Signs with this PEM private key instead of the one behind TEST_CLERK_JWT_KEY. */
  privateKey?: string;
};

/** A session token as Clerk's frontend would set it in the `__session` cookie. */
export function clerkSessionToken(
  userId: string,
  {
    expiresInSeconds = 60,
    issuer = "https://clerk.example.com",
    authorizedParty = "http://localhost:3000",
    privateKey = testPair.privateKey,
  }: ClerkTokenOptions = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = Math.min(now, now + expiresInSeconds) - 5;
  return signClerkJwt(privateKey, {
    sub: userId,
    sid: "sess_test",
    iss: issuer,
    azp: authorizedParty,
    iat: issuedAt,
    nbf: issuedAt,
    exp: now + expiresInSeconds,
    v: 2,
  });
}

/** The cookies a signed-in Clerk browser sends: the session token and the client's "last active" time. */
function issuedAtOf(token: string): number | null {
  try {
    const { iat } = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { iat?: unknown };
    return typeof iat === "number" ? iat : null;
  } catch {
    return null;
  }
}

export function clerkSessionCookie(token: string): string {
  // Clerk refuses a session token older than the client's last sign-in (`__client_uat` > `iat`), so
  // the cookie says the client signed in exactly when the token was issued: read from the token, not
  // the clock, which could have ticked into the next second since the token was made.
  const clientUat = issuedAtOf(token) ?? Math.floor(Date.now() / 1000) - 5;
  return `__session=${token}; __client_uat=${clientUat}`;
}
