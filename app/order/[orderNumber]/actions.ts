"use server";
// The order page's email form: a visitor who types the order's email is sent to the order's link.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientAddress } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { orderLookupThrottle } from "@/lib/orders/order-lookup-throttle";
import { findOrderLinkByEmail, ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/shopper-lookup";

export type OrderLookupState = { error: string | null; email: string };

const lookupInput = z.object({
  orderNumber: z.string().trim().min(1).max(40),
  email: z.string().trim().max(254).pipe(z.email()),
});

export async function lookupOrder(_previous: OrderLookupState, formData: FormData): Promise<OrderLookupState> {
  const email = String(formData.get("email") ?? "");
  const parsed = lookupInput.safeParse({ orderNumber: formData.get("orderNumber"), email });
  if (!parsed.success) return { error: "Enter the email address you used at checkout.", email };
  const client = clientAddress(await headers());
  const verdict = orderLookupThrottle.check(client, Date.now());
  if (!verdict.allowed) return { error: tooManyTries(verdict.retryAfterSeconds), email };
  const link = await findOrderLinkByEmail(await db(), parsed.data.orderNumber, parsed.data.email);
  if (!link) {
    orderLookupThrottle.recordFailure(client, Date.now());
    return { error: ORDER_NOT_FOUND_MESSAGE, email };
  }
  orderLookupThrottle.recordSuccess(client);
  redirect(link);
}

function tooManyTries(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return `Too many tries from this connection. Please wait ${wait}, or use the link in your confirmation email.`;
}
