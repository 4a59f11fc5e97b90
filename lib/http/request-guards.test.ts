import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as addToCart } from "@/app/api/cart/route";
import { POST as webhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { carts, cartItems } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { createProduct, type CreatedProduct } from "@/tests/factories/product";

const context = { params: Promise.resolve({}) };
let variantId: number;

beforeAll(async () => {
  const product: CreatedProduct = await createProduct({ variants: [{ price: 1500, stock: 5 }] });
  variantId = product.variants[0]!.id;
});

async function rowCounts() {
  const read = await db();
  const [cartRows] = await read.select({ n: sql<number>`count(*)` }).from(carts);
  const [itemRows] = await read.select({ n: sql<number>`count(*)` }).from(cartItems);
  return { carts: cartRows!.n, items: itemRows!.n };
}

function cartPost(body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) {
  // A streamed body needs `duplex: "half"` in Node's fetch, which the DOM RequestInit type does not list.
  const init = { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1];
  return addToCart(new NextRequest("http://localhost/api/cart", init), context);
}

/** A body that arrives in pieces with no Content-Length, as a chunked upload does. */
function streamOf(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(16 * 1024, totalBytes - sent)).fill(32);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
}

describe("request bodies are bounded", () => {
  it("refuses a 1 MB JSON body with 413 JSON, writing nothing", async () => {
    const before = await rowCounts();
    const padding = " ".repeat(1024 * 1024);
    const response = await cartPost(`{"variantId":${variantId},"quantity":1}${padding}`);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "payload_too_large" } });
    expect(await rowCounts()).toEqual(before);
  });

  it("cuts off a streamed body without Content-Length at the limit", async () => {
    const before = await rowCounts();
    const response = await cartPost(streamOf(2 * 1024 * 1024));
    expect(response.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses an oversized webhook body before checking its signature", async () => {
    const response = await webhook(
      new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body: "x".repeat(300 * 1024), headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=x" } }),
      context,
    );
    expect(response.status).toBe(413);
  });

  it("still takes an ordinary body", async () => {
    const response = await cartPost(JSON.stringify({ variantId, quantity: 1 }));
    expect(response.status).toBe(200);
  });
});

describe("bodies that stop short", () => {
  /** Sends `text` and then ends the stream, or fails it (`abort`) as Node does when the client hangs up. */
  function endingStream(text: string, ending: "close" | "abort"): ReadableStream<Uint8Array> {
    return new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        if (ending === "close") controller.close();
        else controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
  }

  /** Runs `work` and collects what the process would have reported as unhandled, and what was logged as an error. */
  async function watching(work: () => Promise<void>) {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    process.on("uncaughtException", onUnhandled);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await work();
      // Let any stray rejection surface before looking.
      await new Promise((resolve) => setImmediate(resolve));
      return { unhandled, errorLogs: logged.mock.calls.length };
    } finally {
      logged.mockRestore();
      process.off("unhandledRejection", onUnhandled);
      process.off("uncaughtException", onUnhandled);
    }
  }

  it("answers a body shorter than its Content-Length with 400 JSON, even when what arrived is complete JSON", async () => {
    const before = await rowCounts();
    const complete = JSON.stringify({ variantId, quantity: 1 });
    const seen = await watching(async () => {
      for (const sent of [complete, complete.slice(0, 10)]) {
        const response = await cartPost(endingStream(sent, "close"), { "content-type": "application/json", "content-length": String(complete.length + 40) });
        expect(response.status, sent).toBe(400);
        expect(await response.json(), sent).toMatchObject({ error: { code: "bad_request", message: expect.stringMatching(/Content-Length/) } });
      }
    });
    expect(seen).toEqual({ unhandled: [], errorLogs: 0 });
    expect(await rowCounts()).toEqual(before);
  });

  it("answers a body whose stream fails part way (the client hung up) with 400 JSON, logging no error", async () => {
    const before = await rowCounts();
    const seen = await watching(async () => {
      const response = await cartPost(endingStream('{"variantId":', "abort"), { "content-type": "application/json", "content-length": "100" });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
      const signed = await webhook(
        new NextRequest("http://localhost/api/webhooks/stripe", {
          method: "POST",
          body: endingStream("{", "abort"),
          headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=x" },
          duplex: "half",
        } as ConstructorParameters<typeof NextRequest>[1]),
        context,
      );
      expect(signed.status).toBe(400);
    });
    expect(seen).toEqual({ unhandled: [], errorLogs: 0 });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("JSON routes take only JSON", () => {
  it("answers text/plain (what a cross-site form can send) with 415 and writes nothing", async () => {
    const before = await rowCounts();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await cartPost(JSON.stringify({ variantId, quantity: 1 }), { "content-type": type });
      expect(response.status, type).toBe(415);
      expect(await response.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    }
    const untyped = await addToCart(new NextRequest("http://localhost/api/cart", { method: "POST", body: JSON.stringify({ variantId, quantity: 1 }) }), context);
    // A body without a type: fetch() sends strings as text/plain, so this is refused too.
    expect(untyped.status).toBe(415);
    expect(await rowCounts()).toEqual(before);
  });

  it("accepts application/json with a charset", async () => {
    const response = await cartPost(JSON.stringify({ variantId, quantity: 1 }), { "content-type": "application/json; charset=utf-8" });
    expect(response.status).toBe(200);
  });
});

describe("writes from other sites are refused", () => {
  const json = { "content-type": "application/json" };
  it("refuses a write whose Origin is another site, or opaque", async () => {
    const before = await rowCounts();
    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example", "not a url", "file://localhost"]) {
      const response = await cartPost(JSON.stringify({ variantId, quantity: 1 }), { ...json, origin });
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    const fetchMetadata = await cartPost(JSON.stringify({ variantId, quantity: 1 }), { ...json, "sec-fetch-site": "cross-site" });
    expect(fetchMetadata.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it("compares scheme, host and port with APP_URL (http://localhost:3000 here), not with the Host a request names", async () => {
    const before = await rowCounts();
    const refused: Record<string, string>[] = [
      { origin: "https://localhost:3000" }, // another scheme
      { origin: "http://localhost" }, // the host the request was addressed to, without the shop's port
      { origin: "http://localhost:3001" },
      { origin: "http://127.0.0.1:3001" },
      { origin: "https://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" },
    ];
    for (const headers of refused) {
      const response = await cartPost(JSON.stringify({ variantId, quantity: 1 }), { ...json, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("lets the shop's own pages write (APP_URL's origin, and while that is a loopback address its other loopback names), and clients that are not browsers", async () => {
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect((await cartPost(JSON.stringify({ variantId, quantity: 1 }), { ...json, origin })).status, origin).toBe(200);
    }
    expect((await cartPost(JSON.stringify({ variantId, quantity: 1 }), { ...json, "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await cartPost(JSON.stringify({ variantId, quantity: 1 }), json)).status).toBe(200);
  });

  it("with a public APP_URL, accepts only that origin: no other scheme or port, and no loopback name", async () => {
    useOwnerLogin({ APP_URL: "https://shop.example.com" });
    try {
      const post = (origin: string) =>
        addToCart(
          new NextRequest("http://localhost:3000/api/cart", { method: "POST", body: JSON.stringify({ variantId, quantity: 1 }), headers: { ...json, origin } }),
          context,
        );
      for (const origin of ["https://shop.example.com", "https://SHOP.example.com:443"]) expect((await post(origin)).status, origin).toBe(200);
      for (const origin of ["http://shop.example.com", "https://shop.example.com:8443", "http://localhost:3000", "http://127.0.0.1:3000", "https://www.shop.example.com"]) {
        expect((await post(origin)).status, origin).toBe(403);
      }
    } finally {
      restoreAdminEnv();
    }
  });

  it("does not apply to the payment webhook, which Stripe calls from its servers", async () => {
    const response = await webhook(
      new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body: "{}", headers: { "content-type": "application/json", origin: "https://stripe.example", "stripe-signature": "t=1,v1=x" } }),
      context,
    );
    expect(response.status).toBe(400); // refused for its signature, not its origin
  });

  it("holds the payment webhook to JSON too: Stripe always sends it, so anything else is a 415", async () => {
    const response = await webhook(
      new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body: "{}", headers: { "content-type": "text/plain", "stripe-signature": "t=1,v1=x" } }),
      context,
    );
    expect(response.status).toBe(415);
  });
});
