// Admin account passwords: scrypt (node:crypto) with a per-account salt, its parameters kept in the stored string.
import "server-only";
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

export type ScryptParameters = { N: number; r: number; p: number };

/**
 * About 50–100 ms per hash on the shop's small server (2 shared cores): slow enough that a stolen
 * database is expensive to guess through, fast enough that signing in is not. Raising these later
 * needs no migration: every stored hash names its own parameters, and needsRehash() upgrades an
 * old one at its owner's next sign-in.
 */
export const PASSWORD_HASH_PARAMETERS: ScryptParameters = { N: 16384, r: 8, p: 1 };

/** Test-only: a cost that hashes in a millisecond, so a test suite signing in hundreds of times stays fast. */
export const TEST_PASSWORD_HASH_PARAMETERS: ScryptParameters = { N: 1024, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = "scrypt";

let current: ScryptParameters = PASSWORD_HASH_PARAMETERS;

/** The test-only knob (tests/setup/database.ts turns it on for every test file); never called by the app. */
export function usePasswordHashParametersForTests(parameters: ScryptParameters = TEST_PASSWORD_HASH_PARAMETERS): void {
  current = parameters;
}

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's default cap (32 MiB) would refuse a raised N.
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N=16384,r=8,p=1$<salt>$<hash>` (salt and hash base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, current);
  return `${PREFIX}$N=${current.N},r=${current.r},p=${current.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

type ParsedHash = { parameters: ScryptParameters; salt: Buffer; key: Buffer };

function parseHash(stored: string): ParsedHash | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // A stored string names its own cost: refuse absurd ones rather than let a bad row exhaust memory.
  if (!Number.isSafeInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { parameters: { N, r, p }, salt: Buffer.from(match[4]!, "base64url"), key: Buffer.from(match[5]!, "base64url") };
}

/** Whether `password` is the one `stored` was made from; constant time in the comparison. A malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored === null ? null : parseHash(stored);
  if (!parsed || parsed.key.length !== KEY_BYTES) return false;
  const key = await derive(password, parsed.salt, parsed.parameters);
  return timingSafeEqual(key, parsed.key);
}

/** A hash made with other parameters than today's: rehash it when its owner next proves the password. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.parameters;
  return N !== current.N || r !== current.r || p !== current.p;
}

/**
 * Spent when no account matches the email, so a guesser cannot tell "no such account" from "wrong
 * password" by how long the answer takes.
 */
export async function spendPasswordCheck(password: string): Promise<void> {
  await derive(password, Buffer.alloc(SALT_BYTES), current);
}
