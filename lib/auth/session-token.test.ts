import { describe, expect, it } from "vitest";
import { signSessionToken, verifySessionToken } from "./session-token";

const keys = { secret: "a-session-secret-of-at-least-32-characters", password: "owner password" };
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
    const token = signSessionToken(keys, issuedAt, HOUR);
    expect(verifySessionToken(keys, token, issuedAt + HOUR - 1)).toMatchObject({ sub: "owner", exp: issuedAt + HOUR });
    expect(verifySessionToken(keys, token, issuedAt + HOUR)).toBeNull();
  });

  it("refuse a token whose payload was edited, e.g. to push its expiry out", () => {
    const token = signSessionToken(keys, issuedAt, HOUR);
    const extended = reencode(token, (payload) => (payload.exp = issuedAt + 365 * 24 * HOUR));
    expect(verifySessionToken(keys, extended, issuedAt + 2 * HOUR)).toBeNull();
  });

  it("refuse a token whose signature was altered by a single character", () => {
    const token = signSessionToken(keys, issuedAt, HOUR);
    const last = token.at(-2) === "A" ? "B" : "A";
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(verifySessionToken(keys, tampered, issuedAt)).toBeNull();
  });

  it("accept only the one spelling of a signature, not variants that decode to the same bytes", () => {
    const token = signSessionToken(keys, issuedAt, HOUR);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = token.at(-1)!;
    // 32 signature bytes fill 43 characters with two bits to spare: the last character's low bits are ignored by the decoder.
    const sameBytes = alphabet[alphabet.indexOf(last) ^ 1]!;
    for (const variant of [`${token}=`, `${token}==`, `${token.slice(0, -1)}${sameBytes}`, `${token.slice(0, -5)}!${token.slice(-5)}`]) {
      expect(Buffer.from(variant.split(".")[1]!, "base64url").equals(Buffer.from(token.split(".")[1]!, "base64url"))).toBe(true);
      expect(verifySessionToken(keys, variant, issuedAt)).toBeNull();
    }
    expect(verifySessionToken(keys, token, issuedAt)).not.toBeNull();
  });

  it("refuse a token signed with another secret", () => {
    const forged = signSessionToken({ ...keys, secret: "another-secret-that-is-also-32-characters" }, issuedAt, HOUR);
    expect(verifySessionToken(keys, forged, issuedAt)).toBeNull();
  });

  it("end every session when the owner changes the password", () => {
    const token = signSessionToken(keys, issuedAt, HOUR);
    expect(verifySessionToken({ ...keys, password: "a new password" }, token, issuedAt)).toBeNull();
  });

  it("refuse a token that claims to be issued in the future", () => {
    const token = signSessionToken(keys, issuedAt + 10 * 60_000, HOUR);
    expect(verifySessionToken(keys, token, issuedAt)).toBeNull();
  });

  it("refuse garbage without throwing", () => {
    for (const garbage of [undefined, "", ".", "a.b.c", "not-a-token", "x".repeat(5000), "e30.e30"]) {
      expect(verifySessionToken(keys, garbage, issuedAt)).toBeNull();
    }
  });

  it("issue a different token for each sign-in, even in the same millisecond", () => {
    expect(signSessionToken(keys, issuedAt, HOUR)).not.toBe(signSessionToken(keys, issuedAt, HOUR));
  });
});
