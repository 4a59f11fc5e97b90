// Erasure's part in the customers domain: the record keeps its id (orders still point at it) and loses the person.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { addresses, customers, sqlNow } from "@/lib/db/schema";
import { erasedPlaceholderEmail } from "@/lib/email-address";
import { nowIso } from "@/lib/time";

/**
 * A random placeholder email (so the real one is free for a new customer) and no name, consent or
 * sign-in link; their saved addresses go. Orchestrated with every other domain's part by
 * lib/privacy/erase-customer.ts, in its transaction.
 */
export async function eraseCustomerRecord(tx: Tx, customerId: number): Promise<void> {
  await tx.delete(addresses).where(eq(addresses.customerId, customerId));
  await tx
    .update(customers)
    .set({
      email: erasedPlaceholderEmail(),
      name: "",
      acceptsMarketing: false,
      marketingConsentAt: null,
      clerkUserId: null,
      erasedAt: nowIso(),
      updatedAt: sqlNow,
    })
    .where(eq(customers.id, customerId));
}
