// The body of POST /api/checkout/session and /api/checkout/quote.
import { z } from "zod";
import { isReservedEmail, RESERVED_EMAIL_MESSAGE } from "@/lib/email-address";

/** Form fields arrive as "" when left empty; treat that as absent. */
const blankAsAbsent = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const checkoutInput = z.object({
  /** ISO 3166-1 alpha-2 destination country; only rates of this country are offered. */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose a delivery country."),
  email: z.preprocess(
    blankAsAbsent,
    z
      .email("Enter a valid email address.")
      .max(254)
      .transform((email) => email.toLowerCase())
      // Erased records live at reserved addresses: nobody may check out as one.
      .refine((email) => !isReservedEmail(email), RESERVED_EMAIL_MESSAGE)
      .optional(),
  ),
  discountCode: z.preprocess(blankAsAbsent, z.string().trim().max(40, "Discount codes are at most 40 characters.").optional()),
  acceptsMarketing: z.boolean().default(false),
});

export type CheckoutInput = z.infer<typeof checkoutInput>;
