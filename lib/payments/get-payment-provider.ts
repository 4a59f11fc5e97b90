// Picks the payment provider this deploy is configured for.
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { createLocalProvider } from "./local/local-provider";
import type { PaymentProvider } from "./payment-provider";
import { createStripeProvider, type StripeProviderOptions } from "./stripe/stripe-provider";

let stripeProvider: { key: string; provider: PaymentProvider } | undefined;

/** True when the in-app payment page may take "payments" in this process. */
export function isLocalPaymentsEnabled(): boolean {
  const current = env();
  if (current.paymentsProvider !== "local") return false;
  // Production never falls back to fake payments: only an explicit PAYMENTS_PROVIDER=local allows it.
  return !current.isProduction || current.PAYMENTS_PROVIDER === "local";
}

export function getPaymentProvider(): PaymentProvider {
  const current = env();
  if (current.paymentsProvider === "local") {
    if (!isLocalPaymentsEnabled()) {
      throw new AppError("unavailable", "Checkout is closed: no payment provider is configured for this shop.");
    }
    return createLocalProvider();
  }
  const key = current.STRIPE_SECRET_KEY;
  if (!key) throw new AppError("unavailable", "Checkout is closed: card payments are not configured for this shop yet.");
  // One SDK client per key (and API origin) keeps its connection pool warm across requests.
  const clientKey = `${key} ${current.STRIPE_API_BASE ?? ""}`;
  if (stripeProvider?.key !== clientKey) stripeProvider = { key: clientKey, provider: createStripeProvider({ secretKey: key, ...stripeOrigin(current.STRIPE_API_BASE) }) };
  return stripeProvider.provider;
}

/** STRIPE_API_BASE as the SDK takes it: host, port and protocol apart. */
function stripeOrigin(base: string | undefined): Pick<StripeProviderOptions, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, protocol, ...(url.port ? { port: Number(url.port) } : {}) };
}
