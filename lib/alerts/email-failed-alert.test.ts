import { like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { requeueFailedEmail } from "@/lib/email/outbox-status";
import { queueEmail } from "@/lib/email/queue-email";
import { renderOwnerAlert } from "@/lib/email/owner-alert";
import { saveSettings } from "@/lib/settings";
import { createOrderWithQueuedEmail, restoreTransportEnv, useResendTransport } from "@/tests/factories/emails";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { startResendStandIn, type ResendStandIn } from "@/tests/helpers/resend-stand-in";
import { queueOwnerAlert } from "./queue-owner-alert";

let standIn: ResendStandIn;
const REFUSED = { status: 422, name: "validation_error", message: "Invalid `to` field." };

beforeAll(async () => {
  standIn = await startResendStandIn();
});
afterAll(() => standIn.close());
afterEach(async () => {
  restoreTransportEnv();
  await writeTransaction(async (tx) => {
    await tx.delete(emailOutbox);
    await saveSettings(tx, { alertEmailFailed: true });
  });
  standIn.requests.length = 0;
});

const failedAlerts = () => withFreshClient((reader) => reader.select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, "owner_alert/email_failed/%")));

describe("the owner's alert about an email given up", () => {
  it("is queued once for the outbox row, to the owner, even when the retried email fails again", async () => {
    useResendTransport(standIn.url);
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    standIn.script(REFUSED);
    expect(await drainOutbox()).toEqual({ sent: 1, retried: 0, failed: 1 });

    const [alert, ...others] = await failedAlerts();
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ kind: "owner_alert", orderId, toAddress: "hello@hedgerow.example", idempotencyKey: `owner_alert/email_failed/${outboxId}`, status: "sent" });
    expect(alert!.subject).toBe(`Hedgerow Dye Works: an email could not be delivered (#${outboxId})`);
    expect(alert!.text).toContain(`order confirmation email #${outboxId} failed after 1 attempt`);
    expect(alert!.html).toContain(`/admin/emails/${outboxId}"`);

    await writeTransaction((tx) => requeueFailedEmail(tx, { id: outboxId, actor: "owner" }));
    standIn.script(REFUSED);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await failedAlerts()).toHaveLength(1);
  });

  it("is never sent about an owner's alert or a digest that failed (no loops)", async () => {
    useResendTransport(standIn.url);
    const email = await renderOwnerAlert(await db(), { subject: "a test", heading: "A test", paragraphs: ["Nothing."], action: null });
    await writeTransaction(async (tx) => {
      await queueOwnerAlert(tx, { kind: "dispute_opened", subject: "du_loop", orderId: null, email });
      await queueEmail(tx, { orderId: null, kind: "daily_digest", to: "hello@hedgerow.example", email, idempotencyKey: "daily_digest/2026-01-01" });
    });
    standIn.script(REFUSED, REFUSED);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 2 });
    expect(await failedAlerts()).toEqual([]);
    expect(standIn.requests).toHaveLength(2);
  });

  it("is not sent when the owner switched it off", async () => {
    useResendTransport(standIn.url);
    await writeTransaction((tx) => saveSettings(tx, { alertEmailFailed: false }));
    await createOrderWithQueuedEmail();
    standIn.script(REFUSED);
    expect(await drainOutbox()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await failedAlerts()).toEqual([]);
  });
});
