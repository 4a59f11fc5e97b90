// What the owner may save as a discount code: one zod schema for the API and the admin form's errors.
import { z } from "zod";
import { DISCOUNT_KINDS } from "@/lib/db/schema";
import { isInShopYears, SHOP_FIRST_DAY, SHOP_LAST_DAY } from "@/lib/shop-day-input";

const isoTimestamp = z.iso
  .datetime({ precision: 3, message: "Enter a date and time." })
  .refine(isInShopYears, `Enter a date between ${SHOP_FIRST_DAY} and ${SHOP_LAST_DAY}.`);

export const discountInput = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{2,40}$/, "Use 2 to 40 letters, digits, dashes or underscores."),
    kind: z.enum(DISCOUNT_KINDS),
    /** Percent (1–100) for `percent`; minor units for `fixed`. */
    value: z.number().int("Use a whole number.").positive("Enter an amount above zero."),
    minimumSubtotal: z.number().int().min(0, "Use zero or more.").max(100_000_000).default(0),
    startsAt: isoTimestamp.nullable().default(null),
    endsAt: isoTimestamp.nullable().default(null),
    usageLimit: z.number().int("Use a whole number.").min(1, "Use 1 or more, or leave it empty for no limit.").max(1_000_000).nullable().default(null),
    isActive: z.boolean().default(true),
  })
  .superRefine((input, context) => {
    if (input.kind === "percent" && input.value > 100) context.addIssue({ code: "custom", path: ["value"], message: "A percentage is at most 100." });
    if (input.kind === "fixed" && input.value > 100_000_000) context.addIssue({ code: "custom", path: ["value"], message: "That amount is too large." });
    if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "The end must come after the start." });
    }
  });
export type DiscountInput = z.infer<typeof discountInput>;
