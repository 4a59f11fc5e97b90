import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStripeProvider } from "./stripe-provider";

// A local HTTP server stands in for api.stripe.com's refunds endpoint; the real SDK talks to it.
// Port 0: the system picks a free one, so parallel test runs never collide.
let port = 0;
type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; form: Record<string, string> };
let server: Server;
let requests: Recorded[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

const provider = () => createStripeProvider({ secretKey: "sk_test_refunds", host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, form: Object.fromEntries(new URLSearchParams(body)) });
      res.writeHead(answer.status, { "content-type": "application/json", "request-id": "req_refund", "stripe-should-retry": "false" });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests = [];
  answer = { status: 200, body: { id: "re_123", object: "refund", amount: 1250, status: "succeeded" } };
});

describe("Stripe refunds", () => {
  it("refunds the amount on the payment intent with the caller's idempotency key", async () => {
    const result = await provider().refund({ paymentIntentId: "pi_abc", amount: 1250, currency: "GBP", idempotencyKey: "refund/7/0/1250", orderId: 7, reason: null, note: null });
    expect(result).toEqual({ refundId: "re_123", amount: 1250, status: "succeeded" });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/v1/refunds" });
    expect(requests[0]!.headers["idempotency-key"]).toBe("refund/7/0/1250");
    expect(requests[0]!.form).toEqual({ payment_intent: "pi_abc", amount: "1250", "metadata[order_id]": "7" });
  });

  it("passes Stripe's reason, and the owner's note in the metadata", async () => {
    await provider().refund({ paymentIntentId: "pi_abc", amount: 300, currency: "GBP", idempotencyKey: "k-reason", orderId: 7, reason: "duplicate", note: "charged twice" });
    expect(requests[0]!.form).toEqual({ payment_intent: "pi_abc", amount: "300", reason: "duplicate", "metadata[order_id]": "7", "metadata[note]": "charged twice" });
  });

  it("reports a pending refund as pending", async () => {
    answer = { status: 200, body: { id: "re_456", object: "refund", amount: 500, status: "pending" } };
    await expect(provider().refund({ paymentIntentId: "pi_abc", amount: 500, currency: "GBP", idempotencyKey: "k", orderId: 7, reason: null, note: null })).resolves.toMatchObject({
      status: "pending",
    });
  });

  it("throws when Stripe refuses, or the refund failed", async () => {
    answer = { status: 400, body: { error: { type: "invalid_request_error", message: "Refund amount is greater than unrefunded amount" } } };
    await expect(provider().refund({ paymentIntentId: "pi_abc", amount: 99999, currency: "GBP", idempotencyKey: "k2", orderId: 7, reason: null, note: null })).rejects.toThrow(
      /greater than unrefunded/,
    );
    answer = { status: 200, body: { id: "re_789", object: "refund", amount: 500, status: "failed" } };
    await expect(provider().refund({ paymentIntentId: "pi_abc", amount: 500, currency: "GBP", idempotencyKey: "k3", orderId: 7, reason: null, note: null })).rejects.toThrow(/failed/);
  });
});
