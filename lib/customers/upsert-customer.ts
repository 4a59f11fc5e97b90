// The customers table's writer: a buyer is upserted by email when an order is created.
import { isNull, sql } from "drizzle-orm";
import { NOW_SQL_TEXT, boundSql, type BoundSql, type StatementBuilder, type Tx } from "@/lib/db";
import { customers, sqlNow } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import { isUsableEmail } from "@/lib/email-address";

export type CustomerFacts = {
  /** Already normalised (trimmed, lower case). */
  email: string;
  name: string;
  /** The checkout form's marketing box. */
  acceptsMarketing: boolean;
};

/**
 * The upsert by email. Consent comes from the checkout form; an unticked box at a later checkout
 * does not withdraw consent given before (withdrawal is an explicit act, not an omission). A name is
 * only filled in, never replaced. An erased customer is never updated: their placeholder address is
 * refused before this (isUsableEmail), and should one match anyway the conflict changes nothing and
 * the order gets no customer rather than reopening the erased record.
 */
function upsertCustomerQuery(db: Tx | StatementBuilder, facts: CustomerFacts) {
  return db
    .insert(customers)
    .values({
      email: facts.email,
      name: facts.name,
      acceptsMarketing: facts.acceptsMarketing,
      marketingConsentAt: facts.acceptsMarketing ? nowIso() : null,
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
      setWhere: isNull(customers.erasedAt),
    });
}

/** Upserts the buyer; null when the email could not be a customer's (the order still stands). */
export async function upsertCustomer(tx: Tx, facts: CustomerFacts): Promise<number | null> {
  if (!isUsableEmail(facts.email)) return null;
  const [customer] = await upsertCustomerQuery(tx, facts).returning({ id: customers.id });
  return customer?.id ?? null;
}

const NOW = NOW_SQL_TEXT;

/** upsertCustomerQuery's statement as text (one per consent branch), for writeBatch. */
const UPSERT_TEXT = (withConsent: boolean) =>
  `INSERT INTO "customers" ("email", "name", "accepts_marketing", "marketing_consent_at", "created_at", "updated_at") VALUES (?, ?, ?, ?, ${NOW}, ${NOW}) ` +
  `ON CONFLICT ("email") DO UPDATE SET "name" = CASE WHEN "customers"."name" = '' THEN excluded.name ELSE "customers"."name" END, ` +
  (withConsent ? `"accepts_marketing" = 1, "marketing_consent_at" = coalesce("customers"."marketing_consent_at", excluded.marketing_consent_at), ` : "") +
  `"updated_at" = ${NOW} WHERE "customers"."erased_at" IS NULL`;
const UPSERT_WITH_CONSENT = UPSERT_TEXT(true);
const UPSERT_WITHOUT_CONSENT = UPSERT_TEXT(false);
const CUSTOMER_ID = '(SELECT "id" FROM "customers" WHERE "email" = ? AND "erased_at" IS NULL)';
const NO_CUSTOMER = boundSql("NULL");

/**
 * upsertCustomer for writeBatch: the upsert statement (none for an unusable email), and the buyer's
 * id as a subquery for the statements after it; NULL for an unusable email, as upsertCustomer's null.
 */
export function upsertCustomerStatements(facts: CustomerFacts): { statements: BoundSql[]; customerId: BoundSql } {
  if (!isUsableEmail(facts.email)) return { statements: [], customerId: NO_CUSTOMER };
  const upsert = facts.acceptsMarketing
    ? boundSql(UPSERT_WITH_CONSENT, [facts.email, facts.name, 1, nowIso()])
    : boundSql(UPSERT_WITHOUT_CONSENT, [facts.email, facts.name, 0, null]);
  return { statements: [upsert], customerId: boundSql(CUSTOMER_ID, [facts.email]) };
}
