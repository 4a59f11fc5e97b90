import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { renderOwnerAlert } from "@/lib/email/owner-alert";
import { saveSettings } from "@/lib/settings";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { queueOwnerAlert } from "./queue-owner-alert";

const content = { subject: "a dispute on HD-1001", heading: "A shopper disputed HD-1001", paragraphs: ["£12.00 is held by the bank."], action: { label: "Open the order", url: "https://shop.example/admin/orders/1" } };

describe("queueOwnerAlert", () => {
  it("queues once per kind and subject, to the support address until the owner sets their own, and honours the switches", async () => {
    const email = await renderOwnerAlert(await db(), content);
    expect(email.subject).toMatch(/: a dispute on HD-1001$/);
    expect(email.text).toContain("£12.00 is held by the bank.");

    const first = await writeTransaction((tx) => queueOwnerAlert(tx, { kind: "dispute_opened", subject: "du_1", orderId: null, email }));
    const again = await writeTransaction((tx) => queueOwnerAlert(tx, { kind: "dispute_opened", subject: "du_1", orderId: null, email }));
    expect([first, again]).toEqual([{ queued: true }, { queued: false }]);

    await writeTransaction((tx) => saveSettings(tx, { alertEmail: "owner@hedgerow.example", alertNewOrder: false }));
    const other = await writeTransaction((tx) => queueOwnerAlert(tx, { kind: "dispute_opened", subject: "du_2", orderId: null, email }));
    const switchedOff = await writeTransaction((tx) => queueOwnerAlert(tx, { kind: "new_paid_order", subject: "1", orderId: null, email }));
    expect([other, switchedOff]).toEqual([{ queued: true }, { queued: false }]);

    await withFreshClient(async (fresh) => {
      const rows = await fresh.select().from(emailOutbox);
      expect(rows.map((row) => [row.kind, row.idempotencyKey, row.toAddress])).toEqual([
        ["owner_alert", "owner_alert/dispute_opened/du_1", "hello@hedgerow.example"],
        ["owner_alert", "owner_alert/dispute_opened/du_2", "owner@hedgerow.example"],
      ]);
    });
  });
});
