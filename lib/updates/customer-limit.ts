// A shop update's per-customer limits: which apply to a cart, the units a customer already has, and the refusal.
import { and, eq, inArray, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx, Guard, StatementBuilder } from "@/lib/db";
import { cartItems, checkouts, orderItems, orders, shopUpdateItems, stockReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import type { GoverningUpdate } from "./variant-updates";

/**
 * "The same customer": the same email, the same cart or the same client key (a keyed hash of the
 * client's address). Any one of them is enough, so a second cart or a second email alone does not
 * get round a limit.
 */
export type Customer = { email: string | null; cartId: string; clientKey: string | null };

/** One limit a checkout must stay within: the update's (all its variants together) or one variant's. */
export type LimitCheck = {
  updateId: number;
  /** null: every variant of the update. */
  variantId: number | null;
  limit: number;
  /** Units of this checkout the limit counts. */
  requested: number;
  /** Orders from the update's live minute on count against it. */
  liveAt: string;
};

/** The limits a set of lines meets, from the governing updates of their variants (variantUpdates). */
export function limitChecks(governing: ReadonlyMap<number, GoverningUpdate>, lines: readonly { variantId: number; quantity: number }[]): LimitCheck[] {
  const checks: LimitCheck[] = [];
  const perUpdate = new Map<number, LimitCheck>();
  for (const line of lines) {
    const update = governing.get(line.variantId);
    if (!update) continue;
    if (update.variantLimitPerCustomer !== null) {
      checks.push({ updateId: update.updateId, variantId: line.variantId, limit: update.variantLimitPerCustomer, requested: line.quantity, liveAt: update.liveAt });
    }
    if (update.limitPerCustomer === null) continue;
    const whole = perUpdate.get(update.updateId);
    if (whole) whole.requested += line.quantity;
    else perUpdate.set(update.updateId, { updateId: update.updateId, variantId: null, limit: update.limitPerCustomer, requested: line.quantity, liveAt: update.liveAt });
  }
  return [...checks, ...perUpdate.values()];
}

function variantsOf(db: DbOrTx | StatementBuilder, check: LimitCheck): SQL {
  if (check.variantId !== null) return sql`(${check.variantId})`;
  return sql`${db.select({ variantId: shopUpdateItems.variantId }).from(shopUpdateItems).where(eq(shopUpdateItems.updateId, check.updateId))}`;
}

/**
 * The units the customer already has within one limit: live holds of other carts' open checkouts
 * (the cart's own open checkout is being replaced, so it never counts twice) and the items of their
 * orders placed since the update went live that are awaiting payment or paid. Built once and used
 * both as the read that names a refusal and inside the checkout's write batch, where it is
 * evaluated under the write lock.
 */
export function customerUnitsSql(db: DbOrTx | StatementBuilder, check: LimitCheck, customer: Customer, now: string): SQL<number> {
  const variants = variantsOf(db, check);
  const sameCustomer = (emailColumn: SQL | typeof checkouts.email) =>
    or(
      customer.email ? sql`${emailColumn} = ${customer.email}` : undefined,
      customer.clientKey ? eq(checkouts.clientKey, customer.clientKey) : undefined,
    ) ?? sql`0`;
  const held = db
    .select({ units: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)` })
    .from(stockReservations)
    .innerJoin(checkouts, eq(checkouts.id, stockReservations.checkoutId))
    .where(
      and(
        sql`${stockReservations.variantId} IN ${variants}`,
        sql`${stockReservations.expiresAt} > ${now}`,
        eq(checkouts.status, "open"),
        ne(checkouts.cartId, customer.cartId),
        sameCustomer(checkouts.email),
      ),
    );
  const ordered = db
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .leftJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(
      and(
        sql`${orderItems.variantId} IN ${variants}`,
        sql`${orders.createdAt} >= ${check.liveAt}`,
        notInArray(orders.status, ["cancelled", "refunded"]),
        inArray(orders.paymentStatus, ["pending", "paid", "partially_refunded"]),
        or(sameCustomer(sql`${orders.email}`), eq(checkouts.cartId, customer.cartId)),
      ),
    );
  return sql<number>`((${held}) + (${ordered}))`;
}

/** The `limit` guards of a checkout's write batch: every limit still holds, counted under the write lock. */
export function customerLimitGuards(db: StatementBuilder, checks: readonly LimitCheck[], customer: Customer, now: string): Guard[] {
  return checks.map((check) => ({ name: "limit", holds: sql`${customerUnitsSql(db, check, customer, now)} + ${check.requested} <= ${check.limit}` }));
}

export function limitReached(check: Pick<LimitCheck, "limit" | "variantId">): AppError {
  const what = check.variantId === null ? "This update" : "This colourway";
  return new AppError("limit_reached", `${what} allows ${check.limit} per customer.`, { limit: check.limit, variantId: check.variantId }, { fields: { limit: check.limit } });
}

/**
 * The read before the checkout's write: refuses with `limit_reached` when the customer's units plus
 * this checkout's would pass a limit (one statement, only when a limit applies). Returns the check that
 * failed for the refusal counter, or throws nothing when all hold.
 */
export async function assertWithinCustomerLimits(db: DbOrTx, params: { checks: readonly LimitCheck[]; customer: Customer; now: string }): Promise<void> {
  const { checks } = params;
  if (checks.length === 0) return;
  const columns = sql.join(
    checks.map((check) => customerUnitsSql(db, check, params.customer, params.now)),
    sql`, `,
  );
  const [row] = await db.all<unknown[]>(sql`SELECT json_array(${columns}) AS used`);
  const used = JSON.parse(String((row as unknown as { used: string }).used)) as number[];
  const over = checks.find((check, index) => (used[index] ?? 0) + check.requested > check.limit);
  if (over) throw limitReached(over);
}

/**
 * The cheap, friendly refusal when adding to a cart: the cart alone would pass a limit (the checkout's
 * guard remains the authority, counting holds and orders too). One statement, only when the update
 * has a limit for all its variants together.
 */
export async function assertCartWithinLimits(db: DbOrTx, params: { cartId: string | null; variantId: number; quantity: number; update: GoverningUpdate }): Promise<void> {
  const { update, variantId, quantity } = params;
  if (update.variantLimitPerCustomer !== null && quantity > update.variantLimitPerCustomer) {
    throw limitReached({ limit: update.variantLimitPerCustomer, variantId });
  }
  if (update.limitPerCustomer === null) return;
  let others = 0;
  if (params.cartId) {
    const [row] = await db
      .select({ units: sql<number>`coalesce(sum(${cartItems.quantity}), 0)` })
      .from(cartItems)
      .where(
        and(
          eq(cartItems.cartId, params.cartId),
          ne(cartItems.variantId, variantId),
          inArray(cartItems.variantId, db.select({ variantId: shopUpdateItems.variantId }).from(shopUpdateItems).where(eq(shopUpdateItems.updateId, update.updateId))),
        ),
      );
    others = Number(row?.units ?? 0);
  }
  if (others + quantity > update.limitPerCustomer) throw limitReached({ limit: update.limitPerCustomer, variantId: null });
}
