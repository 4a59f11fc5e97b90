// The customers CSV (optionally only those who agreed to marketing), streamed in keyset pages by id.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { customers } from "@/lib/db/schema";
import { csvLines, UTF8_BOM } from "@/lib/exports/csv";
import { moneyDecimal } from "@/lib/money";
import { keysetStream } from "@/lib/exports/keyset-stream";
import { londonDateTime } from "@/lib/exports/london-time";
import { customerOrderTotals } from "./customer-order-totals";

const PAGE_SIZE = 500;

const HEADER = ["Name", "Email", "Orders", "Total spent", "First order", "Last order", "Created", "Marketing consent", "Consent given at"];

export function customersExportFileName(isConsentOnly: boolean, today = new Date()): string {
  return `customers${isConsentOnly ? "-marketing" : ""}-${today.toISOString().slice(0, 10)}.csv`;
}

/** Erased customers are left out: nothing about them remains to export. */
export function exportCustomersCsv(db: DbOrTx, options: { isConsentOnly: boolean }): ReadableStream<Uint8Array> {
  return keysetStream<Awaited<ReturnType<typeof readPage>>["rows"][number], number>({
    head: UTF8_BOM + csvLines([HEADER]),
    readPage: (afterId) => readPage(afterId),
    render: (rows) =>
      csvLines(
        rows.map((row) => [
          row.name,
          row.email,
          Number(row.orderCount),
          moneyDecimal(Number(row.totalSpent)),
          londonDateTime(row.firstOrderAt),
          londonDateTime(row.lastOrderAt),
          londonDateTime(row.createdAt),
          row.acceptsMarketing ? "yes" : "no",
          londonDateTime(row.marketingConsentAt),
        ]),
      ),
  });

  async function readPage(afterId: number | null) {
    const rows = await db
      .select({
        id: customers.id,
        name: customers.name,
        email: customers.email,
        acceptsMarketing: customers.acceptsMarketing,
        marketingConsentAt: customers.marketingConsentAt,
        createdAt: customers.createdAt,
        ...customerOrderTotals,
      })
      .from(customers)
      .where(
        and(
          isNull(customers.erasedAt),
          options.isConsentOnly ? eq(customers.acceptsMarketing, true) : undefined,
          afterId === null ? undefined : gt(customers.id, afterId),
        ),
      )
      .orderBy(asc(customers.id))
      .limit(PAGE_SIZE);
    return { rows, next: rows.length === PAGE_SIZE ? rows[rows.length - 1]!.id : null };
  }
}
