// Hostile input the generic probes cannot express: out-of-range dates an owner can be sent as a link,
// Stripe-Signature headers that bend the format, CSV cells that spreadsheets read as formulas, the
// placeholder address of an erased customer.
import Papa from "papaparse";
import { createHmac } from "node:crypto";
import { createCustomer } from "@/tests/factories/admin-orders";
import { eq } from "drizzle-orm";
import { customers } from "@/lib/db/schema";
import { ChaosClient, CookieJar } from "./chaos-client";
import { readFresh } from "./chaos-database";
import { STRIPE_WEBHOOK_SECRET } from "./chaos-env";
import { Shopper } from "./shopper";
import type { Expectations } from "./scenario";

/** An answer must come back well inside this, or the date loop is back. */
const DATE_ANSWER_MS = 5_000;

const HOSTILE_DAYS = ["9999-12-31", "0000-01-01", "+010000-01-01", "2026-13-01", "2026-02-30", "2026-1-1", "", "٢٠٢٦-٠١-٠١", "x".repeat(5_000)];

/** Dates sent as the signed-in owner to every route that takes them: a 400 JSON error, quickly, and the shop keeps answering. */
export async function probeDates(client: ChaosClient, owner: CookieJar, expect: Expectations): Promise<number> {
  const targets = [
    "/api/admin/analytics?range=custom&from=9999-12-25&to=9999-12-31",
    "/admin/analytics?range=custom&from=9999-12-25&to=9999-12-31",
    "/api/admin/analytics?range=custom&from=2000-01-01&to=2100-12-31",
    "/api/admin/orders/export?from=2026-12-31&to=2026-01-01",
    ...HOSTILE_DAYS.flatMap((day) => [
      `/api/admin/analytics?range=custom&from=${encodeURIComponent(day)}&to=2026-01-31`,
      `/api/admin/orders/export?from=2026-01-01&to=${encodeURIComponent(day)}`,
      `/api/admin/orders?from=${encodeURIComponent(day)}`,
    ]),
  ];
  const broken: string[] = [];
  for (const target of targets) {
    const answer = await client.request(`GET ${target.split("?")[0]} (hostile date)`, target, { jar: owner });
    const isPage = !target.startsWith("/api/");
    const isRefused = isPage ? answer.status === 200 || answer.status === 400 : answer.status === 400 && answer.json !== undefined;
    if (!isRefused || answer.ms > DATE_ANSWER_MS) broken.push(`${target.slice(0, 120)} → ${answer.status} in ${Math.round(answer.ms)} ms`);
  }
  expect.that(broken.length === 0, `${targets.length} out-of-range dates refused with a JSON 400 within ${DATE_ANSWER_MS / 1000} s`, broken.join("; "));
  const health = await client.request("GET /api/health", "/api/health");
  expect.equal(health.status, 200, "the shop still answers after the date probes");
  return targets.length;
}

function signature(body: string, timestamp: string): string {
  return createHmac("sha256", STRIPE_WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest("hex");
}

/** Headers with a correct HMAC over a `t` that is not one plain number: each refused with a 400, nothing recorded. */
export async function probeSignatureHeaders(client: ChaosClient, expect: Expectations): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const dayOld = now - 86_400;
  const future = now + 86_400;
  const body = JSON.stringify({ id: "evt_chaos_signature", object: "event", type: "checkout.session.completed", created: dayOld, data: { object: {} } });
  const headers = [
    `t=${now},t=${future},v1=${signature(body, String(future))}`,
    `t=${future},t=${now},v1=${signature(body, String(now))}`,
    `t= ${future},v1=${signature(body, ` ${future}`)}`,
    `t=+${future},v1=${signature(body, `+${future}`)}`,
    `t=abc,v1=${signature(body, "NaN")}`,
    `t=abc,v1=${signature(body, "abc")}`,
    `t=${dayOld},v1=${signature(body, String(dayOld))}`,
    `t=${future},v1=${signature(body, String(future))}`,
    `t=${now},v1=${signature(body, String(now)).toUpperCase()}`,
  ];
  const broken: string[] = [];
  for (const header of headers) {
    const answer = await client.request("POST /api/webhooks/stripe (bent signature)", "/api/webhooks/stripe", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "stripe-signature": header },
      sameOrigin: false,
    });
    if (answer.status !== 400 || answer.json === undefined) broken.push(`${header.slice(0, 40)}… → ${answer.status}`);
  }
  expect.that(broken.length === 0, `${headers.length} bent Stripe-Signature headers refused with a JSON 400`, broken.join("; "));
  return headers.length;
}

const FORMULA_NAMES = [";=1+1", "＝HYPERLINK(\"http://evil.example\")", "＋1", "－1", "＠SUM(A1)", "=1+1", "\t=1", "Ada;=1+1"];

/** A customer export never hands a spreadsheet a cell it would run as a formula. */
export async function probeCsvCells(client: ChaosClient, owner: CookieJar, expect: Expectations): Promise<number> {
  for (const [index, name] of FORMULA_NAMES.entries()) await createCustomer({ name, email: `formula.${index}@example.com` });
  const answer = await client.request("GET /api/admin/customers/export (formula names)", "/api/admin/customers/export", { jar: owner });
  expect.equal(answer.status, 200, "the customers CSV downloads");
  const rows = Papa.parse<string[]>(answer.text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  const cells = rows.flat();
  const dangerous = cells.filter((cell) => /^[=+\-@;\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell));
  expect.that(dangerous.length === 0, "no customers CSV cell starts with a formula character", dangerous.slice(0, 5).join(" | "));
  // A cell that only contains a `;` is quoted, not prefixed: Excel in a `;` locale would split it.
  const planted = FORMULA_NAMES.filter((name) => cells.includes(name.startsWith("A") ? name : `'${name}`));
  expect.that(planted.length === FORMULA_NAMES.length, "every planted name is there, neutralised with a leading quote", `${planted.length} of ${FORMULA_NAMES.length}`);
  return FORMULA_NAMES.length;
}

/** Erased records can never be matched again: the placeholder address (any case) is refused at checkout, and a second erasure is a 409. */
export async function probeErasedAddresses(client: ChaosClient, owner: CookieJar, expect: Expectations, variantId: number): Promise<number> {
  const customer = await createCustomer({ name: "Erin Erasable", email: "erin.erasable@example.com" });
  const erased = await client.request("POST /api/admin/customers/[id]/erase", `/api/admin/customers/${customer.id}/erase`, { method: "POST", json: {}, jar: owner });
  expect.equal(erased.status, 200, "the owner erases a customer");
  const placeholder = await readFresh(async (db) => (await db.select({ email: customers.email }).from(customers).where(eq(customers.id, customer.id)))[0]!.email);
  const attempts = [placeholder, placeholder.toUpperCase(), ` ${placeholder} `, "erased-customer-1@erased.invalid", "anyone@erased.invalid"];
  const broken: string[] = [];
  for (const email of attempts) {
    const shopper = new Shopper(client, email);
    const added = await shopper.addToCart(variantId);
    if (added.status !== 200) throw new Error(`A set-up cart could not be filled: ${added.status} ${added.text.slice(0, 200)}`);
    const answer = await shopper.checkout();
    if (answer.status !== 400 || answer.json === undefined) broken.push(`${email} → ${answer.status}`);
  }
  expect.that(broken.length === 0, `${attempts.length} erased or reserved addresses refused at checkout with a JSON 400`, broken.join("; "));
  const again = await client.request("POST /api/admin/customers/[id]/erase", `/api/admin/customers/${customer.id}/erase`, { method: "POST", json: {}, jar: owner });
  expect.equal(again.status, 409, "erasing the same customer again is a conflict");
  return attempts.length;
}
