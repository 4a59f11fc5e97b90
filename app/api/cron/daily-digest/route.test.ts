import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { saveSettings } from "@/lib/settings";
import { shopDayOf } from "@/lib/shop-calendar";
import { createCheckout } from "@/tests/factories/checkout";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { createVariant } from "@/tests/factories/product";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { deliver } from "@/tests/factories/webhook";
import { GET } from "./route";

function cron(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return GET(new NextRequest("http://localhost/api/cron/daily-digest", { headers }), { params: Promise.resolve({}) });
}

const bearer = () => `Bearer ${env().CRON_SECRET}`;
const digests = () => withFreshClient((reader) => reader.select().from(emailOutbox).where(eq(emailOutbox.kind, "daily_digest")));

afterEach(() => vi.useRealTimers());

describe("GET /api/cron/daily-digest", () => {
  it("answers 401 without the cron secret, or with a wrong one, and queues nothing", async () => {
    for (const header of [undefined, "Bearer wrong", `Basic ${env().CRON_SECRET}`]) {
      const response = await cron(header);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
    expect(await digests()).toEqual([]);
  });

  it("sends nothing on a day with nothing low and nothing waiting, and says so", async () => {
    const response = await cron(bearer());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, queued: false, day: shopDayOf(new Date()), reason: "nothing_to_report" });
    expect(await digests()).toEqual([]);
  });

  it("queues one digest per shop day however often it is called, with the low colourways and what is waiting", async () => {
    const low = await createVariant({ name: "Moorland Merino", variantName: "Heather", stock: 2 });
    await createVariant({ name: "Plenty", variantName: "Lots", stock: 40 });
    await createVariant({ name: "Old Draft", variantName: "Hidden", stock: 1, productStatus: "draft" });
    // A paid order the webhook holds (it paid the wrong amount).
    const buyable = await createVariant({ stock: 20 });
    const checkout = await createCheckout({ lines: [{ variant: buyable, quantity: 1 }], email: "held@example.com" });
    expect((await deliver(buildCheckoutSessionEvent(checkout, { amountTotal: 1 }))).status).toBe(200);

    const day = shopDayOf(new Date());
    const [first, second] = [await cron(bearer()), await cron(bearer())];
    expect(await first.json()).toEqual({ ok: true, queued: true, day });
    expect(await second.json()).toEqual({ ok: true, queued: false, day, reason: "already_queued" });

    const rows = await digests();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orderId: null, toAddress: "hello@hedgerow.example", idempotencyKey: `daily_digest/${day}`, status: "pending" });
    expect(rows[0]!.subject).toBe(`Hedgerow Dye Works: daily digest for ${day} – 1 colourway running low`);
    expect(rows[0]!.text).toContain(`Moorland Merino – Heather (${low.sku})`);
    expect(rows[0]!.text).toContain("2 left");
    expect(rows[0]!.text).toContain("Orders on hold: 1");
    expect(rows[0]!.text).not.toContain("Open disputes");
    expect(rows[0]!.text).not.toContain("Plenty");
    expect(rows[0]!.text).not.toContain("Old Draft");
    expect(rows[0]!.html).toContain("/admin/inventory?stock=low");

    // The next London day has its own digest; with the switch off, none.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 24 * 60 * 60 * 1000));
    const nextDay = shopDayOf(new Date());
    expect(await (await cron(bearer())).json()).toEqual({ ok: true, queued: true, day: nextDay });
    vi.setSystemTime(new Date(Date.now() + 24 * 60 * 60 * 1000));
    await writeTransaction((tx) => saveSettings(tx, { alertLowStockDigest: false }));
    expect(await (await cron(bearer())).json()).toMatchObject({ queued: false, reason: "switched_off" });
    expect((await digests()).map((row) => row.idempotencyKey)).toEqual([`daily_digest/${day}`, `daily_digest/${nextDay}`]);
  });
});
