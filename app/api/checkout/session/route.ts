// POST /api/checkout/session – reserve the cart's stock and start payment
import { NextResponse } from "next/server";
import { assertCheckoutOpen } from "@/lib/checkout/assert-checkout-open";
import { readCartId } from "@/lib/cart/cart-cookie";
import { admitCheckout } from "@/lib/checkout/checkout-limits";
import { checkoutInput } from "@/lib/checkout/checkout-input";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { withDiscountGuessBudget } from "@/lib/discounts/discount-guess-budget";
import { clientAddress } from "@/lib/http/client-address";
import { parseJson, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";
import { roomTokensFrom } from "@/lib/updates/room-token";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request }) => {
  assertCheckoutOpen();
  const input = await parseJson(request, checkoutInput);
  const cartId = await readCartId(request);
  const client = clientAddress(request.headers);
  const started = await withDiscountGuessBudget({ client, cartId, code: input.discountCode }, async () => {
    admitCheckout({ client, cartId, email: input.email });
    return startCheckout({ cartId, input, clientAddress: client, roomTokens: roomTokensFrom(request.cookies.getAll()) });
  });
  return NextResponse.json(started, { headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
