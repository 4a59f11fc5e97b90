"use server";
// The order page's email form: a visitor who types the order's email is sent to the order's link.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { isReservedEmail } from "@/lib/email-address";
import { db } from "@/lib/db";
import { clientAddress, UNATTRIBUTED_CLIENT } from "@/lib/http/client-address";
import { chargeClientLookup, orderLookupThrottle, settleOrderLookup } from "@/lib/orders/order-lookup-throttle";
import { findOrderLinkByEmail, normaliseOrderNumber, ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/shopper-lookup";

export type OrderLookupState = { error: string | null; email: string };

const lookupInput = z.object({
  orderNumber: z.string().trim().min(1).max(40),
  email: z.string().trim().max(254).pipe(z.email()).refine((email) => !isReservedEmail(email)),
});

export async function lookupOrder(_previous: OrderLookupState, formData: FormData): Promise<OrderLookupState> {
  const email = String(formData.get("email") ?? "");
  const parsed = lookupInput.safeParse({ orderNumber: formData.get("orderNumber"), email });
  if (!parsed.success) return { error: "Enter the email address you used at checkout.", email };
  const address = clientAddress(await headers());
  const client = address === UNATTRIBUTED_CLIENT ? null : address;
  // A client that used up its own budget is the guesser: nothing it sends is checked.
  const clientVerdict = chargeClientLookup(client, Date.now());
  if (!clientVerdict.allowed) return { error: tooManyTries(clientVerdict.retryAfterSeconds, "from this connection"), email };

  const found = await findOrderLinkByEmail(await db(), parsed.data.orderNumber, parsed.data.email);
  // The order's own budget is settled after the read, with no await before the answer: the email
  // was compared in constant time either way, and a paused order still lets its right email in.
  const order = settleOrderLookup(
    {
      orderNumber: found.knownOrderNumber ?? normaliseOrderNumber(parsed.data.orderNumber),
      isKnownOrder: found.knownOrderNumber !== null,
      isGranted: found.link !== null,
    },
    Date.now(),
  );
  if (order.outcome === "paused") return { error: tooManyTries(order.retryAfterSeconds, "for this order"), email };
  if (order.outcome === "wrong" || !found.link) return { error: ORDER_NOT_FOUND_MESSAGE, email };
  if (client !== null) orderLookupThrottle.recordSuccess(client);
  redirect(found.link);
}

function tooManyTries(retryAfterSeconds: number, scope: string): string {
  const wait = retryAfterSeconds >= 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : `${retryAfterSeconds} seconds`;
  return `Too many tries ${scope}. Please wait ${wait}, or use the link in your confirmation email.`;
}
