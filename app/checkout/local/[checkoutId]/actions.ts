"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isReservedEmail, RESERVED_EMAIL_MESSAGE } from "@/lib/email-address";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isLocalPaymentsEnabled } from "@/lib/payments/get-payment-provider";
import { sendLocalPaymentOutcome } from "@/lib/checkout/send-local-payment-outcome";

/** `values` echoes what was typed: React resets a form after its action, back to these defaults. */
export type LocalPaymentState = { message: string | null; fieldErrors: Record<string, string>; values: Record<string, string> };

const text = (max: number) => z.string().trim().max(max);

const paymentForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("pay"),
    checkoutId: text(100).min(1),
    shippingRateId: z.coerce.number().int().positive().optional(),
    email: z.email("Enter a valid email address.").max(254).refine((email) => !isReservedEmail(email), RESERVED_EMAIL_MESSAGE),
    name: text(120).min(1, "Enter the name to deliver to."),
    line1: text(200).min(1, "Enter the first line of the address."),
    line2: text(200).optional(),
    city: text(120).min(1, "Enter the town or city."),
    postalCode: text(20).min(1, "Enter the postcode."),
    holdWebhook: z.literal("1").optional(),
  }),
  z.object({ intent: z.enum(["decline", "expire"]), checkoutId: text(100).min(1) }),
]);

/**
 * Where the webhook lives. Production posts to the configured public origin only (never to a
 * Host header a client chose); development posts back to the origin the page was served from, so
 * `next dev -p <any port>` works without setting APP_URL.
 */
async function webhookUrl(): Promise<string> {
  const current = env();
  if (current.isProduction) return new URL("/api/webhooks/stripe", current.APP_URL).href;
  const incoming = await headers();
  const host = incoming.get("host");
  if (!host) return new URL("/api/webhooks/stripe", current.APP_URL).href;
  const protocol = incoming.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}/api/webhooks/stripe`;
}

export async function submitLocalPayment(_previous: LocalPaymentState, formData: FormData): Promise<LocalPaymentState> {
  const entries = Object.fromEntries(formData);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(entries)) if (typeof value === "string") values[key] = value;
  if (!isLocalPaymentsEnabled()) return { message: "Local test payments are switched off for this shop.", fieldErrors: {}, values };
  const parsed = paymentForm.safeParse(entries);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { message: "Please fix the highlighted fields.", fieldErrors, values };
  }
  const form = parsed.data;
  const outcome = await sendLocalPaymentOutcome(await db(), {
    checkoutId: form.checkoutId,
    intent: form.intent,
    ...(form.intent === "pay"
      ? {
          shippingRateId: form.shippingRateId,
          isWebhookHeld: form.holdWebhook === "1",
          payer: {
            email: form.email.toLowerCase(),
            name: form.name,
            address: { line1: form.line1, line2: form.line2 || null, city: form.city, state: null, postal_code: form.postalCode },
          },
        }
      : {}),
    webhookUrl: await webhookUrl(),
    secret: env().STRIPE_WEBHOOK_SECRET ?? "",
  });
  if (!outcome.ok) return { message: outcome.message, fieldErrors: outcome.fieldErrors ?? {}, values };
  redirect(outcome.redirectTo);
}
