// The hostile requests the hostile-input scenario sends to one endpoint: bodies, content types, queries, headers.
import type { HttpMethod } from "./api-endpoints";

/**
 * `refused`: a 4xx JSON error. `harmless`: the request's junk may be ignored (a GET's unknown query
 * parameter), so any answer below 500 will do, JSON, with the error shape if it is a 4xx.
 * `status`: exactly this status, as a JSON error.
 */
export type ProbeExpectation = { kind: "refused" } | { kind: "harmless" } | { kind: "status"; statuses: number[] };

export type Probe = {
  name: string;
  method: string;
  /** Path and query. */
  target: string;
  body?: string | Uint8Array;
  headers: Record<string, string>;
  /** A body to sign as Stripe would, just before sending (signatures carry a timestamp). */
  sign?: boolean;
  /**
   * Sent with the pass's cookies (a shopper's fresh cart, or the owner's session), so a request the
   * server wrongly accepts really writes. Off for junk the server may rightly ignore on a DELETE:
   * with the cookies that would be a legitimate delete.
   */
  withCookies: boolean;
  expect: ProbeExpectation;
};

export const FOREIGN_ORIGIN = "https://attacker.example";
const BODY_METHODS = new Set<string>(["POST", "PUT", "PATCH"]);
export const hasBody = (method: string) => BODY_METHODS.has(method);

const OVERSIZED_BYTES = 5 * 1024 * 1024;
const NESTING = 100_000;

const deeplyNested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/**
 * Values of another JSON type than the sample's (plus out-of-range numbers), as JSON text: each
 * alone makes the body invalid. (Text, because V8's JSON.stringify cannot write 5,000 levels.)
 */
function wrongValues(sample: unknown): [string, string][] {
  const deep: [string, string] = ["nested 5,000 deep", nestedObject(5_000)];
  switch (typeof sample) {
    case "string":
      return [["null", "null"], ["a number", "12345"], ["a boolean", "true"], ["an object", "{}"], ["an array", '["x"]'], deep];
    case "number":
      return [
        ["null", "null"],
        ["a string", JSON.stringify(String(sample))],
        ["a fraction", "1.5"],
        ["negative", "-1"],
        ["1e308", "1e308"],
        ["a boolean", "true"],
        ["an object", "{}"],
        deep,
      ];
    case "boolean":
      return [
        ["null", "null"],
        ["a string", '"true"'],
        ["a number", "1"],
        ["an object", "{}"],
        ["an array", "[]"],
      ];
    default:
      return Array.isArray(sample)
        ? [
            ["null", "null"],
            ["a string", '"text"'],
            ["a number", "42"],
            ["an object", '{"a":1}'],
          ]
        : [["null", "null"], ["a string", '"text"'], ["a number", "42"], ["an array", "[]"], deep];
  }
}

/** A body the endpoint accepts; `fields` limits which of its fields get wrong values; `signed` for Stripe's webhook. */
export type AcceptedBody = { sample: Record<string, unknown>; fields?: string[]; signed?: boolean };

/**
 * Bodies for POST/PUT/PATCH. The accepted body (unknown for endpoints the harness has no sample
 * for) must still be refused with a wrong content type, oversized or from a foreign Origin, and so
 * must each of its fields given a wrong type; then the generic junk every JSON endpoint must refuse.
 */
export function bodyProbes(method: HttpMethod, target: string, accepted: AcceptedBody | undefined): Probe[] {
  const sign = accepted?.signed ?? false;
  const json = { "content-type": "application/json" };
  const refused = { kind: "refused" } as const;
  const probe = (name: string, body: string | Uint8Array, headers: Record<string, string> = json): Probe => ({
    name,
    method,
    target,
    body,
    headers,
    sign,
    withCookies: true,
    expect: refused,
  });
  const sample = accepted?.sample ?? {};
  const sampleText = JSON.stringify(sample);

  const probes: Probe[] = [
    probe("malformed JSON", '{"variantId": 1, "quantity":'),
    probe("not JSON at all", "variantId=1&quantity=1"),
    probe("invalid UTF-8", new Uint8Array([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])),
    probe("JSON null", "null"),
    probe("JSON array", "[]"),
    probe("JSON string", '"text"'),
    probe("JSON number", "42"),
    probe("JSON boolean", "true"),
    probe(`arrays nested ${NESTING.toLocaleString("en")} deep`, deeplyNested(NESTING)),
    probe("prototype keys only", '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":true}}}'),
    probe(
      `oversized (${OVERSIZED_BYTES / 1024 / 1024} MB, the accepted body plus padding)`,
      JSON.stringify({ ...sample, padding: "x".repeat(OVERSIZED_BYTES) }),
    ),
  ];
  for (const field of accepted?.fields ?? Object.keys(sample)) {
    for (const [label, value] of wrongValues(sample[field])) {
      const marker = "__chaos_value__";
      probes.push(
        probe(
          `"${field}" is ${label}`,
          JSON.stringify({ ...sample, [field]: marker }).replace(`"${marker}"`, () => value),
        ),
      );
    }
  }
  for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=chaos", "application/xml"]) {
    probes.push(probe(`accepted body as ${contentType.split(";")[0]}`, sampleText, { "content-type": contentType }));
  }
  // A byte body: fetch adds no content type of its own.
  probes.push(probe("accepted body without a content type", new TextEncoder().encode(sampleText), {}));
  // Payment webhooks come from Stripe's servers, which send no Origin; browsers' writes do.
  if (!sign) probes.push(probe("accepted body from a foreign Origin", sampleText, { ...json, origin: FOREIGN_ORIGIN }));
  return probes;
}

/** Junk for methods without a body (GET, DELETE …): query strings, cookies, authorization headers. */
export function bodylessProbes(method: HttpMethod, path: string): Probe[] {
  const harmless = { kind: "harmless" } as const;
  const probe = (name: string, target: string, headers: Record<string, string> = {}): Probe => ({
    name,
    method,
    target,
    headers,
    withCookies: method === "GET",
    expect: harmless,
  });
  const probes = [
    probe("junk query", `${path}?a[b]=c&__proto__[polluted]=1&session_id=&session_id=x&page=-1&limit=1e308`),
    probe("malformed percent-encoding", `${path}?x=%E0%A4%A&session_id=%zz`),
    probe("8 KB query", `${path}?session_id=${"x".repeat(8_000)}&q=${"y".repeat(100)}`),
    probe("forged cookies", path, { cookie: "cart_id=%27%20OR%201%3D1--; store_admin_session=forged.token.value; __proto__=x" }),
    probe("bogus bearer", path, { authorization: "Bearer ' OR 1=1 --" }),
    probe("basic authorization", path, { authorization: "Basic Y2hhb3M6Y2hhb3M=" }),
  ];
  if (method !== "GET" && method !== "HEAD")
    probes.push({
      name: "from a foreign Origin",
      method,
      target: path,
      headers: { origin: FOREIGN_ORIGIN },
      withCookies: true,
      expect: { kind: "refused" },
    });
  return probes;
}

/**
 * The first method the endpoint does not export, which must be a 405 JSON error. Under /api/admin a
 * stranger is refused (401) before the method is looked at: the gate tells strangers nothing.
 */
export function unexportedMethodProbe(path: string, methods: HttpMethod[]): Probe | null {
  const method = (["PUT", "PATCH", "DELETE", "POST", "GET"] as const).find((candidate) => !methods.includes(candidate));
  if (!method) return null;
  const body = hasBody(method) || method === "DELETE" ? "{}" : undefined;
  return {
    name: `unexported method ${method}`,
    method,
    target: path,
    body,
    headers: body ? { "content-type": "application/json" } : {},
    withCookies: true,
    expect: { kind: "status", statuses: path.startsWith("/api/admin/") ? [405, 401] : [405] },
  };
}

/** Paths under /api that no route file serves. */
export function unknownPathProbes(): Probe[] {
  return [
    {
      name: "unknown endpoint (GET)",
      method: "GET",
      target: "/api/chaos-no-such-endpoint",
      headers: {},
      withCookies: false,
      expect: { kind: "status", statuses: [404] },
    },
    {
      name: "unknown endpoint (POST)",
      method: "POST",
      target: "/api/chaos-no-such-endpoint",
      body: "{}",
      headers: { "content-type": "application/json" },
      withCookies: false,
      expect: { kind: "status", statuses: [404] },
    },
    { name: "malformed path encoding", method: "GET", target: "/api/%E0%A4%A", headers: {}, withCookies: false, expect: { kind: "refused" } },
  ];
}
