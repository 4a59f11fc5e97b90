// A stand-in for api.stripe.com on the loopback: the real Stripe SDK talks to it, and every request is recorded.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

const unique = () => randomBytes(5).toString("hex");

export type RecordedStripeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
  /** Date.now() when the whole request had arrived (a test's faked clock, if it fakes one). */
  receivedAt: number;
};

export type FakeStripe = {
  port: number;
  requests: RecordedStripeRequest[];
  /** What the next requests get: normal answers, or a 500 api_error Stripe asks not to retry. */
  mode: "ok" | "fail";
  /**
   * What `GET /v1/checkout/sessions/:id` answers, by session id: a test puts the session Stripe would
   * report there (paid, open…); an id it holds nothing for gets Stripe's 404.
   */
  retrievable: Map<string, Record<string, unknown>>;
  /** Runs before each answer is sent: a slow Stripe (a delay, a test's clock moved on). */
  beforeAnswer: ((request: RecordedStripeRequest) => Promise<void> | void) | null;
  /** Forgets recorded requests and restarts the id counters (cs_test_fake_1, co_fake_1, …). */
  reset: () => void;
  close: () => Promise<void>;
};

/** Listens on 127.0.0.1:`port` and answers the few Stripe endpoints checkout uses, recording each request. */
export async function startFakeStripe(port: number): Promise<FakeStripe> {
  let sessions = 0;
  let coupons = 0;
  const fake: FakeStripe = {
    port,
    requests: [],
    mode: "ok",
    retrievable: new Map(),
    beforeAnswer: null,
    reset: () => {
      fake.requests.length = 0;
      fake.mode = "ok";
      fake.retrievable.clear();
      fake.beforeAnswer = null;
      sessions = 0;
      coupons = 0;
    },
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", async () => {
      const path = (req.url ?? "").split("?")[0]!;
      const recorded = { method: req.method ?? "", path, headers: req.headers, form: Object.fromEntries(new URLSearchParams(body)), receivedAt: Date.now() };
      fake.requests.push(recorded);
      await fake.beforeAnswer?.(recorded);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${unique()}`, ...headers });
        res.end(JSON.stringify(payload));
      };
      if (fake.mode === "fail") {
        send(500, { error: { type: "api_error", message: "Something went wrong at the fake Stripe." } }, { "stripe-should-retry": "false" });
        return;
      }
      if (req.method === "POST" && path === "/v1/coupons") {
        coupons += 1;
        send(200, { id: `co_fake_${coupons}`, object: "coupon" });
      } else if (req.method === "POST" && path === "/v1/checkout/sessions") {
        sessions += 1;
        const id = `cs_test_fake_${sessions}`;
        // Stripe creates a shipping rate (shr_…) for each shipping_rate_data sent, listed in the order sent.
        const form = new URLSearchParams(body);
        const shippingOptions = [];
        for (let i = 0; form.has(`shipping_options[${i}][shipping_rate_data][fixed_amount][amount]`); i += 1) {
          shippingOptions.push({
            shipping_amount: Number(form.get(`shipping_options[${i}][shipping_rate_data][fixed_amount][amount]`)),
            shipping_rate: `shr_fake_${sessions}_${i}`,
          });
        }
        send(200, { id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}`, shipping_options: shippingOptions });
      } else if (req.method === "GET" && /^\/v1\/checkout\/sessions\/[^/]+$/.test(path) && fake.retrievable.has(path.split("/")[4]!)) {
        send(200, fake.retrievable.get(path.split("/")[4]!));
      } else if (req.method === "POST" && /^\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(path)) {
        send(200, { id: path.split("/")[4], object: "checkout.session", status: "expired" });
      } else {
        send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path})` } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
