// npm run doctor's checks in order: settings offline first, then the database, Stripe and Resend over the network.
import { EnvError, type Env } from "@/lib/env";
import { checkDatabase } from "./check-database";
import { checkResend } from "./check-resend";
import { checkSettings, stripeKeyMode } from "./check-settings";
import { checkStripe, type StripeApiLocation } from "./check-stripe";
import { failed, type DoctorCheck } from "./doctor-check";

export type DoctorOptions = {
  /** Where Stripe's API is; tests point it at a local stand-in. */
  stripeApi?: StripeApiLocation;
  migrationsFolder?: string;
  timeoutMs?: number;
};

/** `readEnv` parses the environment as production would; a refusal there is the first ✗. */
export async function runDoctor(readEnv: () => Env, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  let current: Env;
  try {
    current = readEnv();
  } catch (error) {
    if (error instanceof EnvError) return [failed("environment", error.message.replace(/^Invalid environment: /, ""))];
    throw error;
  }
  const checks = checkSettings(current);
  const adminLogin = { hasClerk: current.hasClerk, hasAdminPassword: Boolean(current.ADMIN_PASSWORD) };
  checks.push(...(await checkDatabase({ url: current.DATABASE_URL, authToken: current.DATABASE_AUTH_TOKEN }, { ...options, adminLogin })));
  const secretKey = current.STRIPE_SECRET_KEY;
  if (current.paymentsProvider === "stripe" && secretKey && stripeKeyMode(secretKey) && current.APP_URL) {
    checks.push(...(await checkStripe({ secretKey, appUrl: current.APP_URL, api: options.stripeApi })));
  }
  if (current.emailTransport === "resend" && current.RESEND_API_KEY) {
    checks.push(await checkResend({ apiKey: current.RESEND_API_KEY, from: current.EMAIL_FROM, baseUrl: current.RESEND_BASE_URL }));
  }
  return checks;
}
