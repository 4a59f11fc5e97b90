// The customers table's writer: a buyer is upserted by email when an order is created.
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { customers, sqlNow } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { isUsableEmail } from "./is-usable-email";

export type CustomerFacts = {
  /** Already normalised (trimmed, lower case). */
  email: string;
  name: string;
  /** The checkout form's marketing box. */
  acceptsMarketing: boolean;
};

/**
 * Upserts the buyer by email; null when the email could not be a customer's (the order still stands).
 * Consent comes from the checkout form; an unticked box at a later checkout does not withdraw consent
 * given before (withdrawal is an explicit act, not an omission). A name is only filled in, never replaced.
 */
export async function upsertCustomer(tx: Tx, facts: CustomerFacts): Promise<number | null> {
  if (!isUsableEmail(facts.email)) return null;
  const now = nowIso();
  const [customer] = await tx
    .insert(customers)
    .values({
      email: facts.email,
      name: facts.name,
      acceptsMarketing: facts.acceptsMarketing,
      marketingConsentAt: facts.acceptsMarketing ? now : null,
    })
    .onConflictDoUpdate({
      target: customers.email,
      set: {
        name: sql`CASE WHEN ${customers.name} = '' THEN excluded.name ELSE ${customers.name} END`,
        ...(facts.acceptsMarketing
          ? {
              acceptsMarketing: true,
              marketingConsentAt: sql`coalesce(${customers.marketingConsentAt}, excluded.marketing_consent_at)`,
            }
          : {}),
        updatedAt: sqlNow,
      },
    })
    .returning({ id: customers.id });
  return customer?.id ?? null;
}
