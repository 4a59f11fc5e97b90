// The admin's customer list: search by name or email, consent filter, pages, with what each has bought.
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db";
import { customers } from "@/lib/db/schema";
import { customerOrderTotals } from "./customer-order-totals";

export const CUSTOMER_PAGE_SIZE = 50;

export const customerListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  consent: z.enum(["1"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export type CustomerListRow = {
  id: number;
  name: string;
  email: string;
  acceptsMarketing: boolean;
  erasedAt: string | null;
  createdAt: string;
  orderCount: number;
  totalSpent: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listCustomers(db: DbOrTx, query: CustomerListQuery): Promise<{ rows: CustomerListRow[]; total: number; page: number; pageCount: number }> {
  const conditions = [isNull(customers.erasedAt)];
  if (query.consent) conditions.push(eq(customers.acceptsMarketing, true));
  if (query.q) {
    // LIKE ignores case for ASCII letters only, so the name is matched as typed; emails are stored lower-cased.
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(sql`${customers.name} LIKE ${pattern} ESCAPE '\\'`, sql`${customers.email} LIKE ${`%${escapeLike(query.q.toLowerCase())}%`} ESCAPE '\\'`)!);
  }
  const where = and(...conditions);
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: customers.id,
        name: customers.name,
        email: customers.email,
        acceptsMarketing: customers.acceptsMarketing,
        erasedAt: customers.erasedAt,
        createdAt: customers.createdAt,
        ...customerOrderTotals,
      })
      .from(customers)
      .where(where)
      .orderBy(desc(customers.createdAt), desc(customers.id))
      .limit(CUSTOMER_PAGE_SIZE)
      .offset((query.page - 1) * CUSTOMER_PAGE_SIZE),
    db.select({ count: sql<number>`count(*)` }).from(customers).where(where),
  ]);
  const total = Number(counted?.count ?? 0);
  return {
    rows: rows.map((row) => ({ ...row, orderCount: Number(row.orderCount), totalSpent: Number(row.totalSpent) })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / CUSTOMER_PAGE_SIZE)),
  };
}
