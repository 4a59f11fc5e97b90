// The waiting room's signed tokens: a ticket while the shopper waits, a pass once admitted, one cookie per update.
import { createHmac } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { derivedSecret, readSignedToken, signToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";

const roomTokenPayload = z.object({
  v: z.literal(1),
  /** A ticket says "waiting" (its place once known); a pass says "admitted" and is what a cart write needs. */
  kind: z.enum(["ticket", "pass"]),
  updateId: z.number().int().positive(),
  entryId: z.number().int().positive(),
  entrantKey: z.string().min(16).max(128),
  position: z.number().int().positive().nullable(),
  /** The update's live minute and rate when issued: a refresh works out the wait from the token alone. */
  liveAtMs: z.number().int(),
  admitPerMinute: z.number().int().positive(),
  /** Issued and expiry times, in milliseconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
});

export type RoomToken = z.infer<typeof roomTokenPayload>;

/** A waiting shopper's ticket outlives the wait: the live minute plus half a day. */
const TICKET_AFTER_LIVE_MS = 12 * 60 * 60_000;
/** A pass lasts the update's hold and this much more to browse and fill the cart first. */
const PASS_BROWSING_MS = 20 * 60_000;

export type RoomTokens = ReadonlyMap<number, string>;
export const NO_ROOM_TOKENS: RoomTokens = new Map();

const COOKIE_PREFIX = "room_";

export function roomCookieName(updateId: number): string {
  return `${COOKIE_PREFIX}${updateId}`;
}

/** Every update's token the browser sent, by update id (a cookie per update, so two rooms never clash). */
export function roomTokensFrom(cookies: Iterable<{ name: string; value: string }>): RoomTokens {
  const tokens = new Map<number, string>();
  for (const { name, value } of cookies) {
    const match = /^room_([1-9][0-9]{0,9})$/.exec(name);
    if (match) tokens.set(Number(match[1]), value);
  }
  return tokens;
}

/** The room's signing key, derived from SESSION_SECRET so a session or any other token never verifies as a room token. */
function roomKey(purpose: "token" | "entrant"): string {
  const secret = env().SESSION_SECRET;
  if (!secret) throw new AppError("unavailable", "The waiting room is not available: the shop has no SESSION_SECRET.");
  return derivedSecret(secret, `waiting-room-${purpose}`);
}

/**
 * Who an entrant is, for "one place each": a keyed hash of the email when the shopper gives one,
 * else of the client key (itself a keyed hash of the address), never either in the clear.
 */
export function entrantKeyOf(identity: { email: string } | { clientKey: string } | { random: string }): string {
  const [kind, value] = "email" in identity ? ["email", identity.email] : "clientKey" in identity ? ["client", identity.clientKey] : ["random", identity.random];
  return createHmac("sha256", roomKey("entrant")).update(`${kind}:${value}`).digest("base64url");
}

export type RoomTokenFields = Omit<RoomToken, "v" | "kind" | "iat" | "exp">;

export function issueTicket(fields: RoomTokenFields, nowMs: number): { token: string; expiresAtMs: number } {
  const exp = Math.max(nowMs, fields.liveAtMs) + TICKET_AFTER_LIVE_MS;
  return { token: signToken(roomKey("token"), { v: 1, kind: "ticket", ...fields, iat: nowMs, exp } satisfies RoomToken), expiresAtMs: exp };
}

export function issuePass(fields: RoomTokenFields & { position: number }, holdMinutes: number, nowMs: number): { token: string; expiresAtMs: number } {
  const exp = nowMs + holdMinutes * 60_000 + PASS_BROWSING_MS;
  return { token: signToken(roomKey("token"), { v: 1, kind: "pass", ...fields, iat: nowMs, exp } satisfies RoomToken), expiresAtMs: exp };
}

/**
 * The genuine, unexpired token for `updateId`, or null: a token of another update, a forged or
 * altered one, or one past its expiry reads as none. One issued in the future (beyond a minute of
 * clock drift) was not issued by this shop's clock.
 */
export function readRoomToken(token: string | undefined, updateId: number, nowMs: number): RoomToken | null {
  const payload = readSignedToken(roomKey("token"), token, roomTokenPayload);
  if (payload === null || payload.updateId !== updateId) return null;
  if (payload.exp <= nowMs || payload.iat > nowMs + 60_000) return null;
  return payload;
}

/** httpOnly like the cart cookie: page scripts never hold the pass; it expires with the token. */
export function roomCookieOptions(expiresAtMs: number, nowMs: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().isProduction,
    path: "/",
    maxAge: Math.max(1, Math.floor((expiresAtMs - nowMs) / 1000)),
  };
}
