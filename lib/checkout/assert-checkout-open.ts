// Refuses checkout when the deploy lacks what payment needs, instead of failing half-way through.
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";

export function isCheckoutClosed(): boolean {
  return env().closedParts.checkout;
}

/**
 * A production deploy without its payment keys or webhook secret keeps the shop browsable but
 * closes checkout (the boot log names what is missing); shoppers get a clear 503, never a 500 from
 * inside the payment call.
 */
export function assertCheckoutOpen(): void {
  if (isCheckoutClosed()) {
    throw new AppError(
      "unavailable",
      "Checkout is temporarily closed while we finish setting up payments. Your cart is saved; please try again later.",
    );
  }
}
