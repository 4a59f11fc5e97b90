import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { emailOutbox, orderEvents } from "@/lib/db/schema";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createOrderWithQueuedEmail, readOutboxRow, restoreTransportEnv, useCaptureTransport } from "@/tests/factories/emails";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { POST } from "./route";

function retry(id: string, cookie?: string) {
  return POST(adminRequest(`/api/admin/emails/${id}/retry`, { method: "POST", cookie, body: {} }), { params: Promise.resolve({ id }) });
}

async function failEmail(outboxId: number) {
  await writeTransaction((tx) =>
    tx.update(emailOutbox).set({ status: "failed", attempts: 8, lastError: "server_error (503): down" }).where(eq(emailOutbox.id, outboxId)),
  );
}

beforeEach(() => {
  useOwnerLogin();
  useCaptureTransport();
});
afterEach(() => restoreTransportEnv());
afterAll(() => restoreAdminEnv());

describe("POST /api/admin/emails/[id]/retry", () => {
  it("refuses a visitor who is not signed in, and changes nothing", async () => {
    const { outboxId } = await createOrderWithQueuedEmail();
    await failEmail(outboxId);
    const response = await retry(String(outboxId));
    expect(response.status).toBe(401);
    expect((await withFreshClient((db) => readOutboxRow(db, outboxId))).status).toBe("failed");
  });

  it("makes a failed email due again with fresh attempts, records who did it, and the next drain sends it", async () => {
    const { orderId, outboxId } = await createOrderWithQueuedEmail();
    await failEmail(outboxId);

    const response = await retry(String(outboxId), ownerCookie());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ email: { id: outboxId, status: "pending" } });
    expect(await withFreshClient((db) => readOutboxRow(db, outboxId))).toMatchObject({ status: "pending", attempts: 0, lastError: "server_error (503): down" });
    const events = await withFreshClient((db) => db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)));
    expect(events.filter((event) => event.type === "email_queued").map((event) => event.actor)).toEqual(["webhook", "admin:owner (owner@localhost)"]);

    expect(await drainOutbox()).toMatchObject({ sent: 1 });
    expect(await withFreshClient((db) => readOutboxRow(db, outboxId))).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("answers 409 for an email that has not failed, 404 for one that does not exist, 400 for a malformed id", async () => {
    const { outboxId } = await createOrderWithQueuedEmail();
    const pending = await retry(String(outboxId), ownerCookie());
    expect(pending.status).toBe(409);
    expect((await pending.json()).error).toMatchObject({ code: "conflict", details: { status: "pending" } });

    expect((await retry("999999", ownerCookie())).status).toBe(404);
    for (const bad of ["abc", "0", "-1", "1.5"]) expect((await retry(bad, ownerCookie())).status).toBe(400);
    expect((await withFreshClient((db) => readOutboxRow(db, outboxId))).status).toBe("pending");
  });
});
