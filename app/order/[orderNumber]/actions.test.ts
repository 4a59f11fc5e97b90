import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/shopper-lookup";
import { requestScope } from "@/tests/factories/admin-request-scope";
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
