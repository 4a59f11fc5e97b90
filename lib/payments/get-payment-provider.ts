// Picks the payment provider this deploy is configured for.
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import { createLocalProvider } from "./local/local-provider";
import type { PaymentProvider } from "./payment-provider";
import { createStripeProvider } from "./stripe/stripe-provider";

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
  // One SDK client per key keeps its connection pool warm across requests.
  if (stripeProvider?.key !== key) stripeProvider = { key, provider: createStripeProvider({ secretKey: key }) };
  return stripeProvider.provider;
}
