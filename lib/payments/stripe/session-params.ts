// Translates a payment session request into Stripe Checkout's create parameters.
import type Stripe from "stripe";
import type { PaymentSessionRequest } from "../payment-provider";

/** Stripe wants lower-case ISO currency codes. */
export const stripeCurrency = (currency: string) => currency.toLowerCase();

const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** A one-off coupon worth exactly the discount we computed, so Stripe's total matches our quote to the penny. */
export function stripeCouponParams(request: PaymentSessionRequest, redeemBy: Date): Stripe.CouponCreateParams | null {
  if (!request.discount || request.discount.amount <= 0) return null;
  return {
    amount_off: request.discount.amount,
    currency: stripeCurrency(request.currency),
    duration: "once",
    max_redemptions: 1,
    redeem_by: unixSeconds(redeemBy),
    name: request.discount.code.slice(0, 40),
    metadata: { checkout_id: request.checkoutId, discount_code: request.discount.code },
  };
}

/**
 * Delivery estimates must be positive whole business days; a "same day" minimum of 0 is left out
 * rather than sent as a value Stripe would refuse.
 */
function deliveryEstimate(minDays: number, maxDays: number): Stripe.Checkout.SessionCreateParams.ShippingOption.ShippingRateData.DeliveryEstimate {
  return {
    ...(minDays > 0 ? { minimum: { unit: "business_day", value: minDays } } : {}),
    ...(maxDays > 0 ? { maximum: { unit: "business_day", value: maxDays } } : {}),
  };
}

export function stripeSessionParams(
  request: PaymentSessionRequest,
  params: { couponId: string | null; expiresAt: Date },
): Stripe.Checkout.SessionCreateParams {
  const { couponId } = params;
  const currency = stripeCurrency(request.currency);
  return {
    mode: "payment",
    client_reference_id: request.checkoutId,
    ...(request.email ? { customer_email: request.email } : {}),
    line_items: request.lines.map((line) => ({
      quantity: line.quantity,
      price_data: {
        currency,
        unit_amount: line.unitPrice,
        product_data: {
          name: `${line.productName} – ${line.variantName}`,
          metadata: { variant_id: String(line.variantId), sku: line.sku },
        },
      },
    })),
    ...(couponId ? { discounts: [{ coupon: couponId }] } : {}),
    // The address form accepts only the country the rates were priced for: a shopper cannot pay UK
    // postage and then type a US address.
    shipping_address_collection: {
      allowed_countries: [request.country as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry],
    },
    shipping_options: request.shippingOptions.map((option) => ({
      shipping_rate_data: {
        type: "fixed_amount",
        display_name: option.name,
        fixed_amount: { amount: option.amount, currency },
        delivery_estimate: deliveryEstimate(option.minDeliveryDays, option.maxDeliveryDays),
        metadata: { shipping_rate_id: String(option.rateId) },
      },
    })),
    expires_at: unixSeconds(params.expiresAt),
    success_url: request.successUrl,
    cancel_url: request.cancelUrl,
    metadata: { checkout_id: request.checkoutId },
    payment_intent_data: { metadata: { checkout_id: request.checkoutId } },
  };
}
