import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { createOrderWithQueuedEmail } from "@/tests/factories/emails";
import { EMAILS_PAGE_SIZE, getEmailOrThrow, listEmails } from "./list-emails";
import { claimDueEmails } from "./outbox-status";

afterEach(async () => {
  await writeTransaction((tx) => tx.delete(emailOutbox));
});

describe("the admin's list of emails", () => {
  it("lists newest first with the order number, pages, and narrows by status", async () => {
    const created = [];
    for (let i = 0; i < EMAILS_PAGE_SIZE + 2; i += 1) created.push(await createOrderWithQueuedEmail({ email: `list${i}@example.com` }));
    const failedId = created[0]!.outboxId;
    await writeTransaction((tx) => tx.update(emailOutbox).set({ status: "failed", lastError: "validation_error (422): bad" }).where(eq(emailOutbox.id, failedId)));

    const first = await listEmails(await db(), { page: 1 });
    expect(first.total).toBe(EMAILS_PAGE_SIZE + 2);
    expect(first.pageCount).toBe(2);
    expect(first.emails).toHaveLength(EMAILS_PAGE_SIZE);
    expect(first.emails[0]!.toAddress).toBe(`list${EMAILS_PAGE_SIZE + 1}@example.com`);
    expect(first.emails[0]!.orderNumber).toMatch(/^HD-\d+$/);
    expect(first.byStatus).toEqual({ pending: EMAILS_PAGE_SIZE + 1, sent: 0, failed: 1 });

    const second = await listEmails(await db(), { page: 2 });
    expect(second.emails.map((email) => email.toAddress)).toEqual(["list1@example.com", "list0@example.com"]);
    // A page past the end shows the last one.
    expect((await listEmails(await db(), { page: 99 })).page).toBe(2);

    const failed = await listEmails(await db(), { page: 1, status: "failed" });
    expect(failed.emails.map((email) => [email.id, email.status, email.lastError])).toEqual([[failedId, "failed", "validation_error (422): bad"]]);
  });

  it("shows a claimed email as being sent, and one email with its HTML and text", async () => {
    const { outboxId } = await createOrderWithQueuedEmail();
    expect((await getEmailOrThrow(await db(), outboxId)).isSending).toBe(false);
    await writeTransaction((tx) => claimDueEmails(tx, { limit: 1, now: nowIso() }));
    const email = await getEmailOrThrow(await db(), outboxId);
    expect(email).toMatchObject({ status: "pending", isSending: true, attempts: 1 });
    expect(email.html).toContain("<html");
    expect(email.text).toContain("View your order");
    await expect(getEmailOrThrow(await db(), 987_654)).rejects.toMatchObject({ code: "not_found" });
  });
});
