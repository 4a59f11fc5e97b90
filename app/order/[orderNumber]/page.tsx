// /order/[orderNumber] – the buyer's view of an order, for the holder of its link token or its email.
import type { Metadata } from "next";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { getOrderForShopper } from "@/lib/orders/shopper-lookup";
import { OrderDetails } from "./order-details";
import { OrderLookupForm } from "./order-lookup-form";

export const metadata: Metadata = {
  title: "Your order",
  robots: { index: false, follow: false },
  // The token is in this page's URL: never send it onwards in a Referer header (tracking links).
  referrer: "no-referrer",
};

type OrderPageProps = {
  params: Promise<{ orderNumber: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function OrderPage({ params, searchParams }: OrderPageProps) {
  await connection(); // per request from the database, never at build time
  const [{ orderNumber }, query] = await Promise.all([params, searchParams]);
  const token = typeof query.token === "string" && query.token.length > 0 ? query.token : null;
  const order = token ? await getOrderForShopper(await db(), orderNumber, { token }) : null;
  if (order) return <OrderDetails order={order} />;

  // Unknown number, wrong token, or no token: the same page, so nothing says whether the order exists.
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">Find your order</h1>
      <p className="mt-2 text-stone-700">
        {token
          ? "This link did not open an order. Enter the email address you used at checkout to see it."
          : "Enter the email address you used at checkout to see this order."}
      </p>
      <OrderLookupForm orderNumber={orderNumber} />
    </main>
  );
}
