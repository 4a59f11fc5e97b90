// The doctor's Stripe checks over the network: the account takes charges and the webhook endpoint sends what the shop handles.
import Stripe from "stripe";
import { createStripeClient, type StripeProviderOptions } from "@/lib/payments/stripe/stripe-provider";
import { HANDLED_EVENT_TYPES } from "@/lib/webhooks/handle-stripe-event";
import { DOCTOR_NETWORK_TIMEOUT_MS, failed, passed, unreachable, type DoctorCheck } from "./doctor-check";
import { stripeKeyMode } from "./check-settings";

/** Where the webhook route listens, relative to APP_URL. */
export const STRIPE_WEBHOOK_PATH = "/api/webhooks/stripe";

export type StripeApiLocation = Pick<StripeProviderOptions, "host" | "port" | "protocol">;

function isUnreachable(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeConnectionError;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkStripe(params: { secretKey: string; appUrl: string; api?: StripeApiLocation }): Promise<DoctorCheck[]> {
  const mode = stripeKeyMode(params.secretKey);
  const stripe = createStripeClient({ secretKey: params.secretKey, ...params.api, maxNetworkRetries: 0, timeoutMs: DOCTOR_NETWORK_TIMEOUT_MS });
  let account: Stripe.Account;
  try {
    account = await stripe.accounts.retrieveCurrent();
  } catch (error) {
    if (isUnreachable(error)) return [unreachable("Stripe", describe(error))];
    if (error instanceof Stripe.errors.StripeAuthenticationError) {
      return [failed("Stripe", "the secret key was refused: copy a current key from the dashboard (Developers → API keys)")];
    }
    return [failed("Stripe", describe(error))];
  }
  const checks: DoctorCheck[] = [
    mode === "live" && !account.charges_enabled
      ? failed("Stripe account", `${account.id} cannot take charges yet: finish activating it in the dashboard`)
      : passed("Stripe account", `${account.id}${account.charges_enabled ? ", takes charges" : ""}`),
  ];
  const endpointUrl = `${params.appUrl}${STRIPE_WEBHOOK_PATH}`;
  let endpoints: Stripe.WebhookEndpoint[];
  try {
    endpoints = (await stripe.webhookEndpoints.list({ limit: 100 })).data;
  } catch (error) {
    return [...checks, isUnreachable(error) ? unreachable("Stripe webhook", describe(error)) : failed("Stripe webhook", describe(error))];
  }
  const endpoint = endpoints.find((candidate) => candidate.url === endpointUrl);
  if (!endpoint) {
    // The signing secret belongs to one endpoint of one mode: none here means STRIPE_WEBHOOK_SECRET cannot be its.
    return [...checks, failed("Stripe webhook", `no ${mode ?? ""} endpoint for ${endpointUrl}: add it (Developers → Webhooks) with the events ${HANDLED_EVENT_TYPES.join(", ")} and set STRIPE_WEBHOOK_SECRET to its signing secret`)];
  }
  if (endpoint.status !== "enabled") return [...checks, failed("Stripe webhook", `${endpointUrl} is ${endpoint.status}: enable it in the dashboard`)];
  const subscribed = new Set<string>(endpoint.enabled_events);
  const missing = subscribed.has("*") ? [] : HANDLED_EVENT_TYPES.filter((type) => !subscribed.has(type));
  if (missing.length > 0) return [...checks, failed("Stripe webhook", `${endpointUrl} does not send ${missing.join(", ")}: add those events to the endpoint`)];
  return [...checks, passed("Stripe webhook", `${endpointUrl} sends every event the shop handles`)];
}
