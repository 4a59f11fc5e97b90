import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { createOrderWithQueuedEmail, emailEventsOf, readOutboxRow, restoreTransportEnv, useCaptureTransport, useResendTransport } from "@/tests/factories/emails";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { startResendStandIn, type ResendStandIn } from "@/tests/helpers/resend-stand-in";
import { drainOutbox } from "./drain-outbox";
import { CLAIM_LEASE_MS, claimDueEmails, recordSendOutcomes } from "@/lib/email/outbox-status";
import { MAX_EMAIL_ATTEMPTS } from "@/lib/email/retry-schedule";

let standIn: ResendStandIn;

beforeAll(async () => {
  standIn = await startResendStandIn({ delayMs: 5 });
});
afterAll(() => standIn.close());

afterEach(async () => {
  vi.useRealTimers();
  restoreTransportEnv();
  // Every test starts with nothing due: rows left pending by one test must not be sent by the next.
  await writeTransaction((tx) => tx.delete(emailOutbox));
  standIn.requests.length = 0;
  standIn.accepted.clear();
});

/** Moves the clock the drain reads (Date only: timers and sockets keep real time). */
function advanceClock(ms: number): void {
  vi.setSystemTime(new Date(Date.now() + ms));
}

async function row(id: number) {
  return withFreshClient((db) => readOutboxRow(db, id));
}

describe("sending through Resend", () => {
  it("sends the row's sender, recipient, subject, both parts and its idempotency key, and records the provider's id", async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail({ email: "grace@example.com" });

    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request).toMatchObject({ method: "POST", path: "/emails" });
    expect(request!.headers.authorization).toBe("Bearer re_test_key");
    expect(request!.headers["idempotency-key"]).toBe(`order_confirmation/${orderId}`);
    const stored = await row(outboxId);
    expect(request!.body).toMatchObject({
      from: "Hedgerow Dye Works <orders@hedgerow.example>",
      to: "grace@example.com",
      subject: stored.subject,
      html: stored.html,
      text: stored.text,
    });
    // Only a waitlist email carries extra headers (List-Unsubscribe); an order's confirmation has none.
    expect(request!.body).not.toHaveProperty("headers");
    expect(stored).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "re_standin_1", claimToken: null, lastError: null });
    expect(stored.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    expect(events.map((event) => event.type)).toEqual(["email_queued", "email_sent"]);
  });

  it("retries a 500 later with the same idempotency key and sends the email once", async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    standIn.script({ status: 500, name: "internal_server_error", message: "Something broke" });

    expect(await drainOutbox()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await row(outboxId);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, claimToken: null });
    expect(waiting.lastError).toContain("500");
    // Backed off: one minute, jittered down to no less than half of it.
    const wait = Date.parse(waiting.nextAttemptAt) - Date.now();
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });

    advanceClock(61_000);
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const key = `order_confirmation/${orderId}`;
    expect(standIn.requestsFor(key)).toHaveLength(2);
    expect(standIn.requests).toHaveLength(2);
    expect(await row(outboxId)).toMatchObject({ status: "sent", attempts: 2, providerMessageId: standIn.accepted.get(key) });
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    expect(events.filter((event) => event.type === "email_sent")).toHaveLength(1);
    expect(events.filter((event) => event.type === "email_failed")).toHaveLength(0);
  });

  it("treats a 429 and a dropped connection as worth retrying", async () => {
    useResendTransport(standIn.url);
    const { outboxId } = await createOrderWithQueuedEmail();
    standIn.script({ status: 429, name: "rate_limit_exceeded", message: "Too many requests" }, "drop");

    expect(await drainOutbox()).toMatchObject({ retried: 1 });
    expect((await row(outboxId)).lastError).toContain("429");
    advanceClock(61_000);
    expect(await drainOutbox()).toMatchObject({ retried: 1 });
    expect(await row(outboxId)).toMatchObject({ status: "pending", attempts: 2 });
    advanceClock(121_000);
    expect(await drainOutbox()).toMatchObject({ sent: 1 });
  });

  it("fails a 422 at once, with the error, an email_failed event and one alert sent to the owner", async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    standIn.script({ status: 422, name: "validation_error", message: "Invalid `to` field." });

    // The owner's alert is queued with the failure and sent by the same drain.
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(standIn.requestsFor(`owner_alert/email_failed/${outboxId}`)).toHaveLength(1);
    const failed = await row(outboxId);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sentAt: null, providerMessageId: null });
    expect(failed.lastError).toBe("validation_error (422): Invalid `to` field.");

    advanceClock(24 * 60 * 60 * 1000);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(standIn.requests).toHaveLength(2);
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    // The owner's alert is about this order, so its delivery is in the order's history too.
    expect(events.map((event) => event.message)).toEqual(["Order confirmation email queued.", "Order confirmation email failed and will not be retried.", "Owner alert email sent."]);
    // The provider's words are kept beside the message, where erasure can remove them (they may quote the address).
    expect(events[1]!.data).toMatchObject({ error: "validation_error (422): Invalid `to` field." });
  });

  it(`gives up after ${MAX_EMAIL_ATTEMPTS} attempts that keep failing with 5xx`, async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    standIn.script(...Array.from({ length: MAX_EMAIL_ATTEMPTS }, () => ({ status: 503 })));

    for (let attempt = 1; attempt < MAX_EMAIL_ATTEMPTS; attempt += 1) {
      expect(await drainOutbox()).toEqual({ sent: 0, retried: 1, failed: 0 });
      advanceClock(3 * 60 * 60 * 1000);
    }
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await row(outboxId)).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS });
    expect(standIn.requests).toHaveLength(MAX_EMAIL_ATTEMPTS + 1);
    expect(standIn.requestsFor(`owner_alert/email_failed/${outboxId}`)).toHaveLength(1);
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    expect(events.filter((event) => event.type === "email_failed")).toHaveLength(1);
  });
});

describe("drains running at the same time", () => {
  it("send every due email exactly once between them", async () => {
    useResendTransport(standIn.url);
    const orders = [];
    for (let i = 0; i < 8; i += 1) orders.push(await createOrderWithQueuedEmail({ email: `shopper${i}@example.com` }));

    const results = await Promise.all([drainOutbox({ limit: 5 }), drainOutbox({ limit: 5 }), drainOutbox({ limit: 5 })]);
    const total = results.reduce((sum, result) => sum + result.sent, 0);
    // Whatever one drain left for lack of room, another pass picks up; nothing is sent twice.
    const rest = await drainOutbox();
    expect(total + rest.sent).toBe(8);

    for (const { orderId, outboxId } of orders) {
      expect(standIn.requestsFor(`order_confirmation/${orderId}`)).toHaveLength(1);
      expect(await row(outboxId)).toMatchObject({ status: "sent", attempts: 1 });
      const events = await withFreshClient((db) => emailEventsOf(db, orderId));
      expect(events.filter((event) => event.type === "email_sent")).toHaveLength(1);
    }
    expect(standIn.requests).toHaveLength(8);
  });
});

describe("a claim that was never finished", () => {
  it("is due again after its lease and sent then, and the dead drain's late report changes nothing", async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    // A drain claims the row and dies before sending (or before recording what happened).
    const { claimed } = await writeTransaction((tx) => claimDueEmails(tx, { limit: 10, now: nowIso() }));
    expect(claimed.map((email) => email.id)).toEqual([outboxId]);

    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advanceClock(CLAIM_LEASE_MS - 5_000);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(standIn.requests).toHaveLength(0);

    advanceClock(10_000);
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(outboxId)).toMatchObject({ status: "sent", attempts: 2 });

    const late = await writeTransaction((tx) =>
      recordSendOutcomes(tx, [{ email: claimed[0]!, result: { ok: false, retryable: false, error: "late" } }], nowIso()),
    );
    expect(late).toEqual({ sent: 0, retried: 0, failed: 0, events: [], failedEmails: [] });
    expect(await row(outboxId)).toMatchObject({ status: "sent", lastError: null });
    expect(standIn.requestsFor(`order_confirmation/${orderId}`)).toHaveLength(1);
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    expect(events.map((event) => event.type)).toEqual(["email_queued", "email_sent"]);
  });

  it("whose attempts are used up fails instead of being sent again", async () => {
    useResendTransport(standIn.url);
    const { outboxId } = await createOrderWithQueuedEmail();
    await writeTransaction((tx) => tx.update(emailOutbox).set({ attempts: MAX_EMAIL_ATTEMPTS - 1 }).where(eq(emailOutbox.id, outboxId)));
    await writeTransaction((tx) => claimDueEmails(tx, { limit: 10, now: nowIso() }));
    advanceClock(CLAIM_LEASE_MS + 1_000);
    // Given up, and only the owner's alert about it is sent.
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await row(outboxId)).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS });
    expect((await row(outboxId)).lastError).toContain("never reported back");
    expect(standIn.requests.map((request) => request.headers["idempotency-key"])).toEqual([`owner_alert/email_failed/${outboxId}`]);
  });
});

describe("the capture transport", () => {
  it("marks the email sent with a captured id and sends nothing anywhere", async () => {
    useCaptureTransport();
    vi.stubEnv("RESEND_BASE_URL", standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const sent = await row(outboxId);
    expect(sent.status).toBe("sent");
    expect(sent.providerMessageId).toMatch(/^captured-[0-9a-f-]{36}$/);
    expect(standIn.requests).toHaveLength(0);
    const events = await withFreshClient((db) => emailEventsOf(db, orderId));
    expect(events.map((event) => event.type)).toEqual(["email_queued", "email_sent"]);
  });
});

describe("with email closed", () => {
  it("(production, Resend chosen, no API key) leaves the rows waiting", async () => {
    useCaptureTransport();
    const { outboxId } = await createOrderWithQueuedEmail();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("EMAIL_TRANSPORT", "resend");
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("CRON_SECRET", "x");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_x");
    const { resetEnvForTests } = await import("@/lib/env");
    resetEnvForTests();
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(logged.mock.calls.flat().join(" ")).toContain("RESEND_API_KEY");
    expect(await row(outboxId)).toMatchObject({ status: "pending", attempts: 0 });
    logged.mockRestore();
  });
});
