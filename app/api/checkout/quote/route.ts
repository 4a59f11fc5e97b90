// POST /api/checkout/quote – price the cart for a country and discount code, writing nothing
import { NextResponse } from "next/server";
import { assertCheckoutOpen } from "@/lib/checkout/assert-checkout-open";
import { readCartId } from "@/lib/cart/cart-cookie";
import { checkoutInput } from "@/lib/checkout/checkout-input";
import { quoteCheckout } from "@/lib/checkout/quote-checkout";
import { db } from "@/lib/db";
import { withDiscountGuessBudget } from "@/lib/discounts/discount-guess-budget";
import { clientAddress } from "@/lib/http/client-address";
import { parseJson, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request }) => {
  assertCheckoutOpen();
  const input = await parseJson(request, checkoutInput);
  const cartId = await readCartId(request);
  const quoted = await withDiscountGuessBudget({ client: clientAddress(request.headers), cartId, code: input.discountCode }, async () =>
    quoteCheckout(await db(), { cartId, input }),
  );
  return NextResponse.json(quoted, { headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
