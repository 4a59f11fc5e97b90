import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { getOrderForShopper, ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/shopper-lookup";
import { expectRedirect, requestScope } from "@/tests/factories/admin-request-scope";
import { createOrderRow } from "@/tests/factories/order";
import { lookupOrder } from "./actions";

// The email form is a server action: it reads the caller's address through next/headers.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
beforeEach(() => requestScope.reset());

function attempt(orderNumber: string, email: string) {
  const data = new FormData();
  data.set("orderNumber", orderNumber);
  data.set("email", email);
  return lookupOrder({ error: null, email: "" }, data);
}

describe("the order page's email form under attack", () => {
  it("lets a burst of parallel guesses from one address through only as far as its budget", async () => {
    requestScope.setHeader("x-forwarded-for", "203.0.113.77");
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => attempt("HD-100001", `burst${i}@example.com`)));
    expect(answers.filter((answer) => answer.error === ORDER_NOT_FOUND_MESSAGE)).toHaveLength(10);
    expect(answers.filter((answer) => answer.error?.startsWith("Too many tries from this connection"))).toHaveLength(5);
  });

  it("gives one order number a budget that rotating addresses cannot escape", async () => {
    const answers = [];
    for (let i = 0; i < 31; i += 1) {
      requestScope.reset();
      requestScope.setHeader("x-forwarded-for", `100.70.${i}.1`);
      answers.push(await attempt("HD-100002", `rotate${i}@example.com`));
    }
    expect(answers.slice(0, 30).every((answer) => answer.error === ORDER_NOT_FOUND_MESSAGE)).toBe(true);
    expect(answers[30]!.error).toMatch(/^Too many tries for this order\. Please wait/);
    // Another order is not held back by this one's budget.
    requestScope.reset();
    requestScope.setHeader("x-forwarded-for", "100.71.0.1");
    expect((await attempt("HD-100003", "someone@example.com")).error).toBe(ORDER_NOT_FOUND_MESSAGE);
  });

  it("does not believe a client's own X-Forwarded-For entries: they all count against the address our proxy saw", async () => {
    const answers = [];
    for (let i = 0; i < 12; i += 1) {
      requestScope.reset();
      requestScope.setHeader("x-forwarded-for", `10.1.${i}.1, 198.51.100.77`);
      answers.push(await attempt("HD-100004", `spoof${i}@example.com`));
    }
    expect(answers.at(-1)!.error).toMatch(/^Too many tries from this connection/);
  });

  it("without a trusted proxy, one guesser does not lock every shopper out: only the order's own budget applies", async () => {
    process.env.TRUSTED_PROXY = "none";
    resetEnvForTests();
    try {
      for (let i = 0; i < 12; i += 1) expect((await attempt("HD-100005", `guess${i}@example.com`)).error).toBe(ORDER_NOT_FOUND_MESSAGE);
      expect((await attempt("HD-100006", "shopper@example.com")).error).toBe(ORDER_NOT_FOUND_MESSAGE);
    } finally {
      process.env.TRUSTED_PROXY = "1";
      resetEnvForTests();
    }
  });
});

/** A paid order and the link its confirmation email carries. */
async function anOrder(email: string) {
  const { id, orderNumber } = await createOrderRow({ email });
  const [row] = await (await db()).select({ lookupToken: orders.lookupToken }).from(orders).where(eq(orders.id, id));
  return { orderNumber, token: row!.lookupToken, link: `/order/${orderNumber}?token=${row!.lookupToken}` };
}

/** One guess from its own address, as a guesser with many addresses would send it. */
function fromAddress(address: string, orderNumber: string, email: string) {
  requestScope.reset();
  requestScope.setHeader("x-forwarded-for", address);
  return attempt(orderNumber, email);
}

/** Every request as one unattributed client (no TRUSTED_PROXY): only the order's own budget applies. */
async function withoutTrustedProxy(work: () => Promise<void>): Promise<void> {
  process.env.TRUSTED_PROXY = "none";
  resetEnvForTests();
  try {
    await work();
  } finally {
    process.env.TRUSTED_PROXY = "1";
    resetEnvForTests();
  }
}

describe("the order page's email form and the rightful buyer", () => {
  it("after 30 strangers' wrong emails, wrong ones are told to wait but the buyer's own email still opens the order", async () => {
    const order = await anOrder("buyer.one@example.com");
    for (let i = 0; i < 30; i += 1) {
      expect((await fromAddress(`100.72.${i}.1`, order.orderNumber, `stranger${i}@example.com`)).error).toBe(ORDER_NOT_FOUND_MESSAGE);
    }
    const paused = await fromAddress("100.72.200.1", order.orderNumber, "stranger-late@example.com");
    expect(paused.error).toMatch(/^Too many tries for this order\. Please wait/);
    // A paused unknown number answers the same way, so the pause says nothing about which numbers are real.
    for (let i = 0; i < 30; i += 1) await fromAddress(`100.73.${i}.1`, "HD-900001", `stranger${i}@example.com`);
    expect((await fromAddress("100.73.200.1", "HD-900001", "stranger-late@example.com")).error).toMatch(/^Too many tries for this order\. Please wait/);

    requestScope.reset();
    requestScope.setHeader("x-forwarded-for", "198.51.100.140");
    expect(await expectRedirect(() => attempt(order.orderNumber, "Buyer.One@example.com"))).toBe(order.link);
  });

  it("stops checking anything at an order after 300 wrong emails: the right one then gets the same answer, and the emailed link still works", async () => {
    const order = await anOrder("buyer.two@example.com");
    await withoutTrustedProxy(async () => {
      for (let i = 0; i < 300; i += 1) await attempt(order.orderNumber, `guess${i}@example.com`);
      const wrong = await attempt(order.orderNumber, "guess-late@example.com");
      const right = await attempt(order.orderNumber, "buyer.two@example.com");
      expect(wrong.error).toMatch(/^Too many tries for this order\. Please wait \d+ minutes/);
      expect(right).toEqual({ error: wrong.error, email: "buyer.two@example.com" });
    });
    expect(await getOrderForShopper(await db(), order.orderNumber, { token: order.token })).not.toBeNull();
  });

  it("does not give an order its guesses back when 10,000 other numbers fail", async () => {
    const order = await anOrder("buyer.three@example.com");
    await withoutTrustedProxy(async () => {
      for (let i = 0; i < 30; i += 1) await attempt(order.orderNumber, `guess${i}@example.com`);
      expect((await attempt(order.orderNumber, "guess-paused@example.com")).error).toMatch(/^Too many tries for this order/);
      for (let i = 0; i < 10_001; i += 1) await attempt(`HD-${700_000 + i}`, "flood@example.com");
      expect((await attempt(order.orderNumber, "guess-after-flood@example.com")).error).toMatch(/^Too many tries for this order/);
    });
  }, 120_000);
});
