// "Email me when it's back": a shopper's sign-up for one colourway, with its own explicit consent.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "@/lib/app-error";
import { writeTransaction, type Tx } from "@/lib/db";
import { products, productVariants, waitlistSignups } from "@/lib/db/schema";
import { isReservedEmail, RESERVED_EMAIL_MESSAGE } from "@/lib/email-address";
import { nowIso } from "@/lib/time";
import { chargeWaitlistSignUp } from "./waitlist-throttle";

export const waitlistSignUpInput = z.strictObject({
  variantId: z.number().int().positive(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "Use 254 characters or fewer.")
    .pipe(z.email("Enter a valid email address."))
    .refine((email) => !isReservedEmail(email), RESERVED_EMAIL_MESSAGE),
  // Consent to this one kind of email, separate from marketing: only an explicit tick counts.
  consent: z.literal(true, "Tick the box to agree to one email when this colourway is back."),
});
export type WaitlistSignUpInput = z.infer<typeof waitlistSignUpInput>;

export type WaitlistSignUp = { id: number; variantId: number; email: string; consentedAt: string; createdAt: string };

const signUpColumns = {
  id: waitlistSignups.id,
  variantId: waitlistSignups.variantId,
  email: waitlistSignups.email,
  consentedAt: waitlistSignups.consentedAt,
  createdAt: waitlistSignups.createdAt,
  notifiedAt: waitlistSignups.notifiedAt,
  unsubscribedAt: waitlistSignups.unsubscribedAt,
};

/** Only a colourway a shopper can see: an active variant of an active product. */
async function assertPublicVariant(tx: Tx, variantId: number): Promise<void> {
  const [variant] = await tx
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, variantId), eq(productVariants.isActive, true), eq(products.status, "active")));
  if (!variant) throw new AppError("not_found", "This colourway was not found.");
}

/**
 * One sign-up per colourway and address. Signing up again while waiting changes nothing
 * (`created: false`); a sign-up that was already notified or unsubscribed is replaced by a fresh
 * one at the back of the queue, so each sign-up is notified at most once (its outbox key is its id).
 */
export async function signUpForWaitlist(
  input: WaitlistSignUpInput & { client: string },
  now: string = nowIso(),
): Promise<{ signup: WaitlistSignUp; created: boolean }> {
  chargeWaitlistSignUp({ client: input.client, email: input.email }, Date.parse(now));
  return writeTransaction(async (tx) => {
    await assertPublicVariant(tx, input.variantId);
    const match = and(eq(waitlistSignups.variantId, input.variantId), eq(waitlistSignups.email, input.email));
    const [existing] = await tx.select(signUpColumns).from(waitlistSignups).where(match);
    if (existing && !existing.notifiedAt && !existing.unsubscribedAt) return { signup: publicSignUp(existing), created: false };
    if (existing) await tx.delete(waitlistSignups).where(eq(waitlistSignups.id, existing.id));
    const [row] = await tx
      .insert(waitlistSignups)
      .values({ variantId: input.variantId, email: input.email, consentedAt: now, createdAt: now })
      .returning(signUpColumns);
    return { signup: publicSignUp(row!), created: true };
  });
}

function publicSignUp(row: WaitlistSignUp): WaitlistSignUp {
  return { id: row.id, variantId: row.variantId, email: row.email, consentedAt: row.consentedAt, createdAt: row.createdAt };
}
