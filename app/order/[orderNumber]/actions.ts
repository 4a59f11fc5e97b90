"use server";
// The order page's email form: a visitor who types the order's email is sent to the order's link.
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
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
  const link = await findOrderLinkByEmail(await db(), parsed.data.orderNumber, parsed.data.email);
  if (!link) return { error: ORDER_NOT_FOUND_MESSAGE, email };
  redirect(link);
}
