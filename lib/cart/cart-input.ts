// What the cart API accepts: a variant and a whole number of units per line.
import { z } from "zod";
import { MAX_LINE_QUANTITY } from "@/lib/db/schema";

const variantId = z.number({ error: "Choose a product option." }).int().positive();

export const addToCartInput = z.object({
  variantId,
  quantity: z
    .number({ error: "Quantity must be a whole number." })
    .int("Quantity must be a whole number.")
    .min(1, "Quantity must be at least 1.")
    .max(MAX_LINE_QUANTITY, `Quantity can be at most ${MAX_LINE_QUANTITY}.`),
});
export type AddToCartInput = z.infer<typeof addToCartInput>;

/** Setting a line to 0 removes it. */
export const setCartQuantityInput = z.object({
  variantId,
  quantity: z
    .number({ error: "Quantity must be a whole number." })
    .int("Quantity must be a whole number.")
    .min(0, "Quantity cannot be negative.")
    .max(MAX_LINE_QUANTITY, `Quantity can be at most ${MAX_LINE_QUANTITY}.`),
});
export type SetCartQuantityInput = z.infer<typeof setCartQuantityInput>;
