import { describe, expect, it } from "vitest";
import { sessionMatchesPassword, signSessionToken, verifySessionToken } from "./session-token";

const secret = "a-session-secret-of-at-least-32-characters";
const account = { id: "acct_one", passwordHash: "scrypt$N=1024,r=8,p=1$c2FsdA$aGFzaA" };
const HOUR = 60 * 60 * 1000;
const issuedAt = Date.parse("2026-03-01T10:00:00.000Z");

function reencode(token: string, change: (payload: Record<string, unknown>) => void): string {
  const [body, signature] = token.split(".");
  const payload = JSON.parse(Buffer.from(body!, "base64url").toString("utf8")) as Record<string, unknown>;
  change(payload);
  return `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
}

describe("owner session tokens", () => {
  it("accept a token they signed until it expires, and not a moment after", () => {
    const token = signSessionToken(secret, account, issuedAt, HOUR);
    expect(verifySessionToken(secret, token, issuedAt + HOUR - 1)).toMatchObject({ v: 2, sub: "acct_one", exp: issuedAt + HOUR });
    expect(verifySessionToken(secret, token, issuedAt + HOUR)).toBeNull();
  });

  it("refuse a token whose payload was edited, e.g. to push its expiry out", () => {
    const token = signSessionToken(secret, account, issuedAt, HOUR);
    const extended = reencode(token, (payload) => (payload.exp = issuedAt + 365 * 24 * HOUR));
    expect(verifySessionToken(secret, extended, issuedAt + 2 * HOUR)).toBeNull();
  });

  it("refuse a token whose signature was altered by a single character", () => {
    const token = signSessionToken(secret, account, issuedAt, HOUR);
    const last = token.at(-2) === "A" ? "B" : "A";
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(verifySessionToken(secret, tampered, issuedAt)).toBeNull();
  });

  it("accept only the one spelling of a signature, not variants that decode to the same bytes", () => {
    const token = signSessionToken(secret, account, issuedAt, HOUR);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = token.at(-1)!;
    // 32 signature bytes fill 43 characters with two bits to spare: the last character's low bits are ignored by the decoder.
    const sameBytes = alphabet[alphabet.indexOf(last) ^ 1]!;
    for (const variant of [`${token}=`, `${token}==`, `${token.slice(0, -1)}${sameBytes}`, `${token.slice(0, -5)}!${token.slice(-5)}`]) {
      expect(Buffer.from(variant.split(".")[1]!, "base64url").equals(Buffer.from(token.split(".")[1]!, "base64url"))).toBe(true);
      expect(verifySessionToken(secret, variant, issuedAt)).toBeNull();
    }
    expect(verifySessionToken(secret, token, issuedAt)).not.toBeNull();
  });

  it("refuse a token signed with another secret", () => {
    const forged = signSessionToken("another-secret-that-is-also-32-characters", account, issuedAt, HOUR);
    expect(verifySessionToken(secret, forged, issuedAt)).toBeNull();
  });

  it("tie the session to the account's password hash: a new hash (a password change) no longer matches", () => {
    const session = verifySessionToken(secret, signSessionToken(secret, account, issuedAt, HOUR), issuedAt)!;
    expect(sessionMatchesPassword(secret, session, account.passwordHash)).toBe(true);
    expect(sessionMatchesPassword(secret, session, "scrypt$N=1024,r=8,p=1$b3RoZXI$aGFzaA")).toBe(false);
    expect(sessionMatchesPassword(secret, session, null)).toBe(false);
  });

  it("refuse a token moved to another account by editing its subject", () => {
    const token = signSessionToken(secret, account, issuedAt, HOUR);
    expect(verifySessionToken(secret, reencode(token, (payload) => (payload.sub = "acct_other")), issuedAt)).toBeNull();
  });

  it("refuse a token that claims to be issued in the future", () => {
    const token = signSessionToken(secret, account, issuedAt + 10 * 60_000, HOUR);
    expect(verifySessionToken(secret, token, issuedAt)).toBeNull();
  });

  it("refuse garbage without throwing", () => {
    for (const garbage of [undefined, "", ".", "a.b.c", "not-a-token", "x".repeat(5000), "e30.e30"]) {
      expect(verifySessionToken(secret, garbage, issuedAt)).toBeNull();
    }
  });

  it("issue a different token for each sign-in, even in the same millisecond", () => {
    expect(signSessionToken(secret, account, issuedAt, HOUR)).not.toBe(signSessionToken(secret, account, issuedAt, HOUR));
  });
});
