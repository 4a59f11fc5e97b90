// Hostile input: junk to every API endpoint (anonymous, and as the signed-in owner on admin ones) → only 4xx JSON errors, nothing written.
import { signWebhookPayload } from "@/lib/payments/local/sign-webhook-payload";
import { createProduct } from "@/tests/factories/product";
import { discoverEndpoints, type Endpoint } from "./api-endpoints";
import { ADMIN_PASSWORD, STRIPE_WEBHOOK_SECRET } from "./chaos-env";
import { buildCheckoutSessionEvent, ChaosClient, CookieJar, inBatches, isErrorShape, type Answer } from "./chaos-client";
import { createStockedVariant, readCheckouts, readTableCounts } from "./chaos-database";
import { probeCsvCells, probeDates, probeErasedAddresses, probeSignatureHeaders } from "./hostile-cases";
import { bodylessProbes, bodyProbes, hasBody, unexportedMethodProbe, unknownPathProbes, type AcceptedBody, type Probe } from "./hostile-payloads";
import type { Scenario } from "./scenario";
import { Shopper } from "./shopper";

/** A product name that would run script if the storefront put it into the page unescaped. */
const HTML_NAME = `<script>alert("chaos")</script><img src=x onerror="alert(1)"> Skein`;

/**
 * Rows some tables legitimately write for a refused request, left out of "nothing written":
 * failed sign-ins in the audit log, should they ever be recorded there.
 */
const COUNTED_ROWS: Record<string, string> = { audit_log: "action NOT LIKE '%fail%'" };

/** Set-up carts filled at once before a pass's probes (see runProbes). */
const SETUP_IN_FLIGHT = 8;

/** Who sends a pass's probes: `cookies` gives each probe its own (a fresh cart, so one probe's write cannot empty the next one's). */
type Pass = { who: "anonymous" | "owner"; cookies: () => Promise<string | undefined> };

/** Why an answer breaks the contract, or null when it keeps it. */
function verdict(probe: Probe, answer: Answer): string | null {
  const { status } = answer;
  if (status === 0) return "no answer (connection reset or timed out)";
  if (status >= 500) return `${status}${isErrorShape(answer) ? "" : ` ${answer.contentType || "without a content type"}`}`;
  const isEmpty = status === 204 || status === 304;
  // A successful download (a CSV or JSON export) is a file by contract; errors are JSON all the same.
  const isDownload = status < 400 && (answer.headers.get("content-disposition") ?? "").startsWith("attachment");
  if (!isEmpty && !isDownload && !answer.contentType.includes("application/json"))
    return `${status} answered as ${answer.contentType || "no content type"}, not JSON`;
  if (status >= 400 && !isErrorShape(answer)) return `${status} without the { error: { code, message } } shape`;
  if (probe.expect.kind === "refused" && status < 400) return `${status}: accepted`;
  if (probe.expect.kind === "status" && !probe.expect.statuses.includes(status)) return `${status}, expected ${probe.expect.statuses.join(" or ")}`;
  return null;
}

/** Sends a probe with the pass's cookies (the answer's are not kept); a webhook probe is signed over its exact bytes, junk included, so it reaches what comes after the signature check. */
function send(client: ChaosClient, probe: Probe, cookies: string | undefined): Promise<Answer> {
  const { body } = probe;
  const headers: Record<string, string> = probe.withCookies && cookies ? { cookie: cookies } : {};
  if (probe.sign && body !== undefined)
    headers["stripe-signature"] = signWebhookPayload(typeof body === "string" ? body : new TextDecoder().decode(body), STRIPE_WEBHOOK_SECRET);
  // ChaosClient adds the server's own Origin to writes unless the probe forges one.
  return client.request(`${probe.method} ${probe.target.split("?")[0]}`, probe.target, {
    method: probe.method,
    body,
    headers: { ...headers, ...probe.headers },
  });
}

function writtenRows(before: Map<string, number>, after: Map<string, number>): string | null {
  const changes = [...after]
    .filter(([table, count]) => count !== before.get(table))
    .map(([table, count]) => `${table} ${count > before.get(table)! ? "+" : ""}${count - before.get(table)!}`);
  return changes.length ? `wrote ${changes.join(", ")}` : null;
}

export const hostileInput: Scenario = {
  name: "hostile input",
  async run({ client, figures, expect }) {
    const endpoints = discoverEndpoints();
    figures.fact("endpoints found under app/api", endpoints.map((endpoint) => `${endpoint.methods.join("/")} ${endpoint.pattern}`).join(", "));

    // What legitimate requests hold, so that a wrongly accepted probe really writes: carts with a
    // line, an open checkout whose row shapes the webhook sample, a signed-in owner. Set-up requests
    // are counted apart from the probes.
    const setup = new ChaosClient(client.origin, figures, STRIPE_WEBHOOK_SECRET, "set-up:");
    const { variantId } = await createStockedVariant("Chaos hostile skein", 200);
    const { checkoutId } = await new Shopper(setup, "hostile@example.com").checkoutOne(variantId);
    const [checkout] = (await readCheckouts([checkoutId])).values();
    const owner = new CookieJar();
    const signIn = await setup.request("POST /api/admin/session", "/api/admin/session", { json: { password: ADMIN_PASSWORD }, jar: owner });
    expect.that(
      signIn.status === 204 && owner.header() !== undefined,
      "the owner signs in with the password",
      `${signIn.status} ${signIn.text.slice(0, 200)}`,
    );

    // Bodies each endpoint accepts. Endpoints added later get the generic junk until one is listed here.
    const checkoutBody = { country: "GB", email: "hostile@example.com", acceptsMarketing: false };
    const acceptedBodies: Record<string, AcceptedBody> = {
      "POST /api/cart": { sample: { variantId, quantity: 1 } },
      "PATCH /api/cart": { sample: { variantId, quantity: 2 } },
      "POST /api/checkout/quote": { sample: checkoutBody },
      "POST /api/checkout/session": { sample: checkoutBody },
      "POST /api/admin/session": { sample: { password: ADMIN_PASSWORD } },
      // A paid session this shop never made: accepted, it would be recorded as an ignored event.
      "POST /api/webhooks/stripe": {
        sample: buildCheckoutSessionEvent(
          { ...checkout!, id: "chk_chaos_unknown", paymentSessionId: "cs_chaos_unknown" },
          { eventId: "evt_chaos_hostile" },
        ),
        fields: ["id", "type", "data"],
        signed: true,
      },
    };

    const probesFor = (endpoint: Endpoint, pass: Pass): Probe[] => {
      const probes = endpoint.methods
        // Signing the owner out is that method's whole purpose; anonymously it is probed like the rest.
        .filter((method) => !(pass.who === "owner" && method === "DELETE" && endpoint.pattern === "/api/admin/session"))
        .flatMap((method) =>
          hasBody(method)
            ? bodyProbes(method, endpoint.path, acceptedBodies[`${method} ${endpoint.pattern}`])
            : bodylessProbes(method, endpoint.path),
        );
      const unexported = unexportedMethodProbe(endpoint.path, endpoint.methods);
      return unexported ? [...probes, unexported] : probes;
    };

    let sent = 0;
    let brokenTotal = 0;
    const runProbes = async (title: string, probes: Probe[], pass: Pass) => {
      const broken: string[] = [];
      // Every probe's set-up (a fresh cart each) is made before the first probe, several at once: set-up
      // writes then never fall between two probes, so one probe's "after" counts are the next one's
      // "before" (any write in between is still caught, and blamed on the probe before it). With a
      // cart and two counts per probe in series, this scenario took 90 s at 5 ms simulated; now ~52 s.
      const cookies = await inBatches(probes, SETUP_IN_FLIGHT, (probe) => (probe.withCookies ? pass.cookies() : Promise.resolve(undefined)));
      let before = await readTableCounts(COUNTED_ROWS);
      for (const [index, probe] of probes.entries()) {
        const answer = await send(client, probe, cookies[index]);
        const after = await readTableCounts(COUNTED_ROWS);
        const wrote = writtenRows(before, after);
        before = after;
        sent += 1;
        const problems = [verdict(probe, answer), wrote].filter(Boolean);
        if (problems.length) broken.push(`${probe.method} ${probe.target.split("?")[0]} [${pass.who}] ${probe.name} → ${problems.join("; ")}`);
      }
      brokenTotal += broken.length;
      expect.that(
        broken.length === 0,
        `${title}: ${probes.length} hostile requests answered with 4xx JSON errors, nothing written`,
        `${broken.length} did not`,
      );
      for (const line of broken) console.log(`          ✗ ${line}`);
    };

    let shoppers = 0;
    const anonymous: Pass = {
      who: "anonymous",
      cookies: async () => {
        const fresh = new Shopper(setup, `hostile.${(shoppers += 1)}@example.com`);
        const added = await fresh.addToCart(variantId);
        if (added.status !== 200) throw new Error(`A set-up cart could not be filled: ${added.status} ${added.text.slice(0, 200)}`);
        return fresh.jar.header();
      },
    };
    const signedIn: Pass = { who: "owner", cookies: async () => owner.header() };
    for (const endpoint of endpoints) {
      await runProbes(`${endpoint.pattern} (anonymous)`, probesFor(endpoint, anonymous), anonymous);
      if (endpoint.isAdmin) await runProbes(`${endpoint.pattern} (owner)`, probesFor(endpoint, signedIn), signedIn);
    }
    await runProbes("paths no route serves", unknownPathProbes(), anonymous);
    figures.fact("hostile requests", `${sent} sent, ${brokenTotal} broke the contract`);

    // Cases the generic probes cannot express (tests/chaos/hostile-cases.ts).
    const dates = await probeDates(client, owner, expect);
    const signatures = await probeSignatureHeaders(client, expect);
    const csvNames = await probeCsvCells(client, owner, expect);
    const erasedAddresses = await probeErasedAddresses(client, owner, expect, variantId);
    figures.fact(
      "targeted cases",
      `${dates} hostile dates, ${signatures} bent signature headers, ${csvNames} formula names in a CSV, ${erasedAddresses} erased addresses`,
    );

    // The storefront escapes what the database holds: a name with markup, put in directly.
    const html = await createProduct({ name: HTML_NAME, variants: [{ stock: 0 }] });
    const hasRawTag = (text: string) => text.includes("<script>alert(") || text.includes("<img src=x onerror");
    const page = await client.request("GET /products/[slug]", `/products/${html.slug}`);
    expect.equal(page.status, 200, "the HTML-named product's page answers");
    expect.that(!hasRawTag(page.text), "the page holds no raw tag from the product name");
    expect.that(page.text.includes("&lt;script&gt;alert("), "the page shows the name as escaped text");
    const listing = await client.request("GET /products", "/products");
    expect.that(listing.status === 200 && !hasRawTag(listing.text), "the product list holds no raw tag either", `status ${listing.status}`);
  },
};
