// The harness's HTTP client: a cookie jar per shopper, JSON requests carrying the server's Origin, signed webhook delivery.
// The Stripe-shaped event builder shared with the tests and the bench; the scenarios take it from here.
import { buildCheckoutSessionEvent, signStripeEvent } from "@/tests/factories/stripe-event";
import type { Figures } from "./figures";

/** Longer than any server's write budget (60 s through the protocol server, see chaos-env.ts): a slow answer is still an answer. */
const REQUEST_TIMEOUT_MS = 120_000;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type Answer = {
  status: number;
  ms: number;
  contentType: string;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  headers: Headers;
  /** Why there was no answer (status 0): the error's code or name, such as ECONNREFUSED, ECONNRESET or TimeoutError. */
  failure?: string;
};

/** Cookies as a browser keeps them for one site: set by answers, sent back on every request. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const isCleared = value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (isCleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type RequestOptions = {
  method?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** A raw body, sent with exactly the headers given (none added). */
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  jar?: CookieJar;
  /** Legitimate state-changing requests carry the server's own Origin, as a browser's would. */
  sameOrigin?: boolean;
};

/**
 * One server's address, the figures its requests are counted in and the servers' webhook secret
 * (given, not imported from chaos-env, so the bench can drive the same shoppers with its own settings).
 */
export class ChaosClient {
  constructor(
    readonly origin: string,
    readonly figures: Figures,
    readonly webhookSecret: string,
    /** Prefixed to every label, to tell servers apart in the figures. */
    readonly name = "",
  ) {}

  async request(label: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const method = options.method ?? (options.json === undefined && options.body === undefined ? "GET" : "POST");
    const headers: Record<string, string> = {};
    if ((options.sameOrigin ?? true) && STATE_CHANGING.has(method)) headers.origin = this.origin;
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const cookie = options.jar?.header();
    if (cookie) headers.cookie = cookie;
    Object.assign(headers, options.headers);
    const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;

    const startedAt = performance.now();
    let answer: Answer;
    try {
      const response = await fetch(`${this.origin}${path}`, {
        method,
        headers,
        body: body as BodyInit | undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const contentType = response.headers.get("content-type") ?? "";
      options.jar?.take(response.headers);
      answer = {
        status: response.status,
        ms: performance.now() - startedAt,
        contentType,
        text,
        json: parseJsonOrUndefined(contentType, text),
        headers: response.headers,
      };
    } catch (error) {
      // Refused, reset or timed out: no answer at all (status 0), which the figures show as such.
      answer = { status: 0, ms: performance.now() - startedAt, contentType: "", text: "", json: undefined, headers: new Headers(), failure: failureOf(error) };
    }
    this.figures.record({ label: this.name ? `${this.name} ${label}` : label, status: answer.status, ms: answer.ms });
    return answer;
  }

  /** POSTs a Stripe-shaped event signed with the servers' webhook secret, as Stripe would (no Origin). */
  deliver(label: string, event: StripeEventPayload): Promise<Answer> {
    const signed = signStripeEvent(event, { secret: this.webhookSecret });
    return this.request(label, "/api/webhooks/stripe", { method: "POST", body: signed.body, headers: signed.headers, sameOrigin: false });
  }
}

/** fetch's TypeError hides the socket's error in `cause`; a timeout is an AbortSignal's TimeoutError. */
function failureOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; name?: unknown } | undefined) : undefined;
  if (typeof cause?.code === "string") return cause.code;
  if (error instanceof Error) return error.name === "TypeError" && typeof cause?.name === "string" ? cause.name : error.name;
  return String(error);
}

function parseJsonOrUndefined(contentType: string, text: string): unknown {
  if (!contentType.includes("application/json")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The app's error contract: `{ error: { code, message } }` as JSON. */
export function isErrorShape(answer: Answer): boolean {
  const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}

export { buildCheckoutSessionEvent };
export type StripeEventPayload = ReturnType<typeof buildCheckoutSessionEvent>;

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
    }),
  );
  return results;
}

/** Fisher–Yates with a seeded generator, so an out-of-order delivery is the same on every run. */
export function shuffled<T>(items: readonly T[], seed = 16): T[] {
  const copy = [...items];
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
