"use server";
// The order page's email form: a visitor who types the order's email is sent to the order's link.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isReservedEmail } from "@/lib/customers/erased-email";
import { db } from "@/lib/db";
import { chargeAttempt, type AttemptBudget } from "@/lib/http/attempt-throttle";
import { clientAddress, UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { orderLookupThrottle, orderNumberLookupThrottle } from "@/lib/orders/order-lookup-throttle";
import { findOrderLinkByEmail, ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/shopper-lookup";

export type OrderLookupState = { error: string | null; email: string };

const lookupInput = z.object({
  orderNumber: z.string().trim().min(1).max(40),
  email: z.string().trim().max(254).pipe(z.email()).refine((email) => !isReservedEmail(email)),
});

export async function lookupOrder(_previous: OrderLookupState, formData: FormData): Promise<OrderLookupState> {
  const email = String(formData.get("email") ?? "");
  const parsed = lookupInput.safeParse({ orderNumber: formData.get("orderNumber"), email });
  if (!parsed.success) return { error: "Enter the email address you used at checkout.", email };
  const client = clientAddress(await headers());
  const budgets: AttemptBudget[] = [{ throttle: orderNumberLookupThrottle, key: parsed.data.orderNumber.toUpperCase() }];
  // Without a trusted proxy every shopper is the same "client": one guesser would lock out them all,
  // so only the per-order budget applies then.
  if (client !== UNATTRIBUTED_CLIENT) budgets.push({ throttle: orderLookupThrottle, key: client });
  // Charged before the lookup is awaited, so parallel guesses cannot all slip past one check.
  const verdict = chargeAttempt(budgets, Date.now());
  if (!verdict.allowed) {
    const isThisClient = !orderLookupThrottle.check(client, Date.now()).allowed;
    return { error: tooManyTries(verdict.retryAfterSeconds, isThisClient ? "from this connection" : "for this order"), email };
  }
  const link = await findOrderLinkByEmail(await db(), parsed.data.orderNumber, parsed.data.email);
  if (!link) return { error: ORDER_NOT_FOUND_MESSAGE, email };
  for (const { throttle, key } of budgets) throttle.recordSuccess(key);
  redirect(link);
}

function tooManyTries(retryAfterSeconds: number, scope: string): string {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return `Too many tries ${scope}. Please wait ${wait}, or use the link in your confirmation email.`;
}
