// What the owner may save as a shipping zone or rate: the zod schemas shared by the API and its tests.
import { z } from "zod";
import { countryRefusal } from "./country-list";

export const zoneInput = z.object({
  name: z.string().trim().min(1, "Give the zone a name.").max(80),
  countries: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .superRefine((code, context) => {
          const refusal = countryRefusal(code);
          if (refusal) context.addIssue({ code: "custom", message: refusal });
        }),
    )
    .max(300)
    .refine((codes) => new Set(codes).size === codes.length, "A country is listed twice."),
});
export type ZoneInput = z.infer<typeof zoneInput>;

const grams = z.number().int("Use whole grams.").min(0, "Use zero or more.").max(1_000_000);
const days = z.number().int("Use whole days.").min(0, "Use zero or more.").max(365);

export const rateInput = z
  .object({
    name: z.string().trim().min(1, "Name the service, e.g. Royal Mail Tracked 48.").max(80),
    minWeightGrams: grams.default(0),
    maxWeightGrams: grams.nullable().default(null),
    price: z.number().int().min(0, "Use zero or more.").max(10_000_000),
    freeOverSubtotal: z.number().int().min(0).max(100_000_000).nullable().default(null),
    minDeliveryDays: days,
    maxDeliveryDays: days,
    isTracked: z.boolean().default(false),
    isActive: z.boolean().default(true),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .superRefine((input, context) => {
    if (input.maxWeightGrams !== null && input.maxWeightGrams < input.minWeightGrams) {
      context.addIssue({ code: "custom", path: ["maxWeightGrams"], message: "The maximum must be at least the minimum." });
    }
    if (input.maxDeliveryDays < input.minDeliveryDays) {
      context.addIssue({ code: "custom", path: ["maxDeliveryDays"], message: "The slowest delivery must be at least the fastest." });
    }
  });
export type RateInput = z.infer<typeof rateInput>;
