import { and, asc, eq, inArray, isNotNull, like } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { emailOutbox, waitlistSignups } from "@/lib/db/schema";
import { decrementStock, incrementStock } from "@/lib/inventory/stock";
import { saveSettings } from "@/lib/settings";
import { isoAfter, nowIso } from "@/lib/time";
import { GET as openUnsubscribeLink, POST as unsubscribe } from "@/app/api/waitlist/unsubscribe/route";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { restoreTransportEnv, useResendTransport } from "@/tests/factories/emails";
import { startResendStandIn } from "@/tests/helpers/resend-stand-in";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createReservation } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createProduct } from "@/tests/factories/product";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { notifyWaitlists } from "./notify-waitlists";
import { readUnsubscribeTarget } from "./unsubscribe";
import { signupIdOfToken, waitlistUnsubscribeToken } from "@/lib/email/waitlist-unsubscribe-token";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

async function soldOutColourway(): Promise<number> {
  const product = await createProduct({ variants: [{ stock: 0 }] });
  return product.variants[0]!.id;
}

/** `count` sign-ups in sign-up order, written as the sign-up route writes them. */
async function waiting(variantId: number, count: number): Promise<number[]> {
  const rows = await writeTransaction((tx) =>
    tx
      .insert(waitlistSignups)
      .values(Array.from({ length: count }, (_, i) => ({ variantId, email: `knitter${i}-${variantId}@example.com`, consentedAt: nowIso() })))
      .returning({ id: waitlistSignups.id }),
  );
  return rows.map((row) => row.id);
}

const restock = (variantId: number, quantity: number) => writeTransaction((tx) => incrementStock(tx, { variantId, quantity, reason: "restock", actor: "test" }));

async function notifiedIds(variantId: number): Promise<number[]> {
  const rows = await withFreshClient((read) =>
    read.select({ id: waitlistSignups.id }).from(waitlistSignups).where(and(eq(waitlistSignups.variantId, variantId), isNotNull(waitlistSignups.notifiedAt))).orderBy(asc(waitlistSignups.id)),
  );
  return rows.map((row) => row.id);
}

const outboxOf = (signupIds: number[]) =>
  withFreshClient((read) => read.select().from(emailOutbox).where(inArray(emailOutbox.idempotencyKey, signupIds.map((id) => `waitlist/${id}`))).orderBy(asc(emailOutbox.id)));

function unsubscribeRequest(token: string, accept = "*/*") {
  return new NextRequest(`http://localhost/api/waitlist/unsubscribe?token=${encodeURIComponent(token)}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept },
    body: "List-Unsubscribe=One-Click",
  });
}
const noParams = { params: Promise.resolve({}) };

describe("notify-me, bounded by the stock", () => {
  it("a restock of 2 units with 300 waiting emails 2 × the factor, the first to sign up, each once", async () => {
    const variantId = await soldOutColourway();
    const ids = await waiting(variantId, 300);
    expect(await notifyWaitlists()).toEqual({ queued: 0 }); // sold out: nobody is told

    await restock(variantId, 2);
    expect(await notifyWaitlists()).toEqual({ queued: 6 });
    expect(await notifiedIds(variantId)).toEqual(ids.slice(0, 6));
    const outbox = await outboxOf(ids);
    expect(outbox.map((row) => [row.kind, row.toAddress, row.orderId, row.status])).toEqual(
      ids.slice(0, 6).map((_, i) => ["back_in_stock", `knitter${i}-${variantId}@example.com`, null, "pending"]),
    );
    // The state change and its outbox row committed together: every notified sign-up has exactly its one row.
    expect(outbox.map((row) => row.idempotencyKey)).toEqual(ids.slice(0, 6).map((id) => `waitlist/${id}`));

    // Another pass while the same 2 units are free tells nobody else: the bound is per run of availability.
    expect(await notifyWaitlists()).toEqual({ queued: 0 });
  });

  it("follows the owner's factor, and a sell-out and restock start a new run", async () => {
    const variantId = await soldOutColourway();
    const ids = await waiting(variantId, 40);
    await restock(variantId, 2);
    await writeTransaction((tx) => saveSettings(tx, { waitlistFactor: 1 }));
    // Other tests' colourways share this database: count this one's sign-ups.
    const told = async () => (await notifiedIds(variantId)).length;
    try {
      await notifyWaitlists();
      expect(await told()).toBe(2);
      await writeTransaction((tx) => saveSettings(tx, { waitlistFactor: 5 }));
      await notifyWaitlists();
      expect(await told()).toBe(10); // 2 × 5: the 2 already told count against it
      await writeTransaction((tx) => decrementStock(tx, { variantId, quantity: 2, reason: "correction", actor: "test" }));
      await restock(variantId, 1);
      await notifyWaitlists();
      expect(await notifiedIds(variantId)).toEqual(ids.slice(0, 15));
    } finally {
      await writeTransaction((tx) => saveSettings(tx, { waitlistFactor: 3 }));
    }
  });

  it("counts free units only: stock held by live checkouts tells nobody until the hold lapses", async () => {
    const variantId = await soldOutColourway();
    await waiting(variantId, 10);
    await restock(variantId, 2);
    await createReservation({ variantId, quantity: 2, expiresAt: isoAfter(60_000) });
    expect(await notifyWaitlists()).toEqual({ queued: 0 });
    // The hold lapses: its two units are free again, and the pass finds them.
    expect(await notifyWaitlists(isoAfter(120_000))).toEqual({ queued: 6 });
  });

  it("waits for a shop update to go live, then sends update_live within the same bound", async () => {
    const variantId = await soldOutColourway();
    const ids = await waiting(variantId, 20);
    await createShopUpdate({ liveAt: isoAfter(60_000), items: [{ variantId }] });
    await restock(variantId, 3);
    expect(await notifyWaitlists()).toEqual({ queued: 0 });
    expect(await notifyWaitlists(isoAfter(90_000))).toEqual({ queued: 9 });
    const outbox = await outboxOf(ids);
    expect(outbox.map((row) => row.kind)).toEqual(Array(9).fill("update_live"));
    expect(outbox[0]!.subject).toContain("Friday update is live");
  });

  it("skips unsubscribed sign-ups and gives every email its own working, tamper-proof unsubscribe link", async () => {
    const variantId = await soldOutColourway();
    const ids = await waiting(variantId, 5);
    await writeTransaction((tx) => tx.update(waitlistSignups).set({ unsubscribedAt: nowIso() }).where(eq(waitlistSignups.id, ids[0]!)));
    await restock(variantId, 1);
    expect(await notifyWaitlists()).toEqual({ queued: 3 });
    expect(await notifiedIds(variantId)).toEqual(ids.slice(1, 4));

    const [first, second] = await outboxOf(ids);
    const linkOf = (text: string) => /https?:\/\/\S+\/waitlist\/unsubscribe\?token=(\d+\.[\w-]{22})/.exec(text)?.[1];
    const token = decodeURIComponent(linkOf(first!.text)!);
    expect(first!.html).toContain(`/waitlist/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(first!.html).not.toContain("unsubscribe-slot.invalid");
    expect(signupIdOfToken(token)).toBe(ids[1]);
    expect(signupIdOfToken(decodeURIComponent(linkOf(second!.text)!))).toBe(ids[2]);

    // Tampered: another sign-up's id under this signature, a changed signature, or no signature.
    const [, signature] = token.split(".");
    const flipped = `${signature!.slice(0, -1)}${signature!.endsWith("A") ? "B" : "A"}`;
    for (const forged of [`${ids[3]}.${signature}`, `${ids[1]}.${flipped}`, `${ids[1]}`, `${ids[1]}.${waitlistUnsubscribeToken(ids[1]!, "another-secret-0123456789abcdefghijkl")!.split(".")[1]}`]) {
      const refused = await unsubscribe(unsubscribeRequest(forged), noParams);
      expect(refused.status).toBe(404);
    }
    expect(await readUnsubscribeTarget(token)).toEqual({ colourway: expect.stringContaining("–"), isUnsubscribed: false });

    const oneClick = await unsubscribe(unsubscribeRequest(token), noParams);
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ unsubscribed: true });
    const [row] = await withFreshClient((read) => read.select().from(waitlistSignups).where(eq(waitlistSignups.id, ids[1]!)));
    expect(row!.unsubscribedAt).not.toBeNull();

    // Idempotent: again changes nothing; the confirm page's form goes back to the page.
    const fromPage = await unsubscribe(unsubscribeRequest(token, "text/html,application/xhtml+xml"), noParams);
    expect(fromPage.status).toBe(303);
    // Relative, so the browser stays on the address it used (a CSP form-action 'self' refuses another host).
    expect(fromPage.headers.get("location")).toBe(`/waitlist/unsubscribe?token=${encodeURIComponent(token)}`);
    const [after] = await withFreshClient((read) => read.select().from(waitlistSignups).where(eq(waitlistSignups.id, ids[1]!)));
    expect(after!.unsubscribedAt).toBe(row!.unsubscribedAt);
    expect(await readUnsubscribeTarget(token)).toMatchObject({ isUnsubscribed: true });
    expect(await withFreshClient((read) => read.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `waitlist/${ids[0]}`)))).toEqual([]);
  });

  it("sends each email with List-Unsubscribe headers: a mail client's one-click POST to them unsubscribes, opening them asks first", async () => {
    const standIn = await startResendStandIn({ delayMs: 0 });
    try {
      useResendTransport(standIn.url);
      // Only this test's emails are due, so one drain sends them all.
      await writeTransaction((tx) => tx.delete(emailOutbox));
      const variantId = await soldOutColourway();
      const ids = await waiting(variantId, 2);
      await restock(variantId, 1);
      expect(await notifyWaitlists()).toEqual({ queued: 2 });
      expect(await drainOutbox()).toEqual({ sent: 2, retried: 0, failed: 0 });

      const sentTo = (signupId: number) => standIn.requestsFor(`waitlist/${signupId}`)[0]!.body.headers as Record<string, string>;
      const headers = sentTo(ids[0]!);
      expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      const link = /^<(http:\/\/localhost:\d+\/api\/waitlist\/unsubscribe\?token=([^>]+))>$/.exec(headers["List-Unsubscribe"]!);
      expect(link).not.toBeNull();
      const token = decodeURIComponent(link![2]!);
      expect(signupIdOfToken(token)).toBe(ids[0]);
      expect(signupIdOfToken(decodeURIComponent(/token=([^>]+)>/.exec(sentTo(ids[1]!)["List-Unsubscribe"]!)![1]!))).toBe(ids[1]);

      // A client that opens the link (GET) changes nothing and lands on the page that asks.
      const opened = await openUnsubscribeLink(new NextRequest(link![1]!), noParams);
      expect(opened.status).toBe(303);
      expect(opened.headers.get("location")).toBe(`/waitlist/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(await readUnsubscribeTarget(token)).toMatchObject({ isUnsubscribed: false });
      // Without a token there is nowhere to go: a JSON 400, as the POST answers.
      const bare = await openUnsubscribeLink(new NextRequest("http://localhost/api/waitlist/unsubscribe"), noParams);
      expect(bare.status).toBe(400);
      expect(((await bare.json()) as { error: { code: string } }).error.code).toBe("validation_error");

      // RFC 8058: a POST of "List-Unsubscribe=One-Click" to that very address, from the provider's servers.
      const posted = await unsubscribe(
        new NextRequest(link![1]!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
        noParams,
      );
      expect(posted.status).toBe(200);
      expect(await readUnsubscribeTarget(token)).toMatchObject({ isUnsubscribed: true });
      expect(await readUnsubscribeTarget(decodeURIComponent(/token=([^>]+)>/.exec(sentTo(ids[1]!)["List-Unsubscribe"]!)![1]!))).toMatchObject({ isUnsubscribed: false });
    } finally {
      restoreTransportEnv();
      useOwnerLogin();
      await standIn.close();
    }
  });
});
