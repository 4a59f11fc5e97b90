// /admin/analytics – sales, conversion and best sellers for a range of shop days beside the period before.
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { analyticsQuery, type AnalyticsQuery } from "@/lib/analytics/analytics-range";
import { getAnalytics, type TopProduct } from "@/lib/analytics/get-analytics";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import {
  describeChange,
  describeConversion,
  describeRateChange,
  formatConversionRate,
  formatDay,
  formatMoneyOrDash,
  formatRate,
} from "./_components/analytics-format";
import { FigureCard } from "./_components/figure-card";
import { RangePicker } from "./_components/range-picker";
import { SalesChart } from "./_components/sales-chart";
import { TopProductsChart } from "./_components/top-products-chart";

export const metadata: Metadata = { title: "Analytics" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function Panel({ id, title, children, description }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-200 bg-white">
      <div className="border-b border-stone-200 px-4 py-3">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-stone-600">{description}</p> : null}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-stone-300 px-4 py-8 text-center text-sm text-stone-600">{children}</p>;
}

function ProductTable({ products, currency, caption }: { products: TopProduct[]; currency: string; caption: string }) {
  return (
    <table className="mt-4 w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-stone-200 text-left text-stone-600">
          <th scope="col" className="py-2 pr-2 font-medium">
            Product
          </th>
          <th scope="col" className="py-2 pr-2 text-right font-medium">
            Units
          </th>
          <th scope="col" className="py-2 text-right font-medium">
            Revenue
          </th>
        </tr>
      </thead>
      <tbody>
        {products.map((product) => (
          <tr key={`${product.name}-${product.sku ?? ""}`} className="border-b border-stone-100 last:border-0">
            <th scope="row" className="py-2 pr-2 text-left font-normal">
              <span className="block font-medium">{product.name}</span>
              {product.sku ? <span className="block text-xs text-stone-600">{product.sku}</span> : null}
            </th>
            <td className="py-2 pr-2 text-right tabular-nums">{product.quantity}</td>
            <td className="py-2 text-right tabular-nums">{formatMoney(product.revenue, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An invalid address bar (a hand-edited date) shows the default report and says what was wrong. */
function readQuery(params: Record<string, string | string[] | undefined>): { query: AnalyticsQuery; error?: string } {
  const flat = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = analyticsQuery.safeParse(flat);
  if (parsed.success) return { query: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0] === "from" ? "Start date" : issue?.path[0] === "to" ? "End date" : "Range";
  return { query: { range: "30d" }, error: `${field}: ${issue?.message ?? "not valid"}. Showing the last 30 days instead.` };
}

export default async function AdminAnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  await connection();
  const { query, error } = readQuery(await searchParams);
  const report = await getAnalytics(await db(), query);
  const { previous, currency } = report;
  const money = (minor: number) => formatMoney(minor, currency);
  const periodText = (from: string, to: string) => (from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`);
  const hasSales = report.orderCount > 0 || previous.orderCount > 0;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Analytics</h1>
        <p className="mt-1 text-sm text-stone-700">
          {periodText(report.from, report.to)} ({report.days} {report.days === 1 ? "day" : "days"}), compared with{" "}
          {periodText(previous.from, previous.to)}. Days are shop days ({report.timeZone}).
        </p>
        <p className="mt-2 max-w-3xl text-sm text-stone-700">
          <strong className="font-semibold">Revenue counts paid orders net of refunds</strong> (order totals including shipping, minus
          what was refunded), by the day the order was placed. Fully refunded orders, unpaid orders and orders in other currencies than{" "}
          {currency} are left out.
        </p>
      </div>

      <RangePicker active={error ? "30d" : report.range} from={report.from} to={report.to} error={error} />

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="sr-only">
          Figures
        </h2>
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <FigureCard label="Revenue" value={money(report.revenue)} previous={money(previous.revenue)} change={describeChange(report.revenue, previous.revenue)} />
          <FigureCard label="Paid orders" value={String(report.orderCount)} previous={String(previous.orderCount)} change={describeChange(report.orderCount, previous.orderCount)} />
          <FigureCard
            label="Average order value"
            value={formatMoneyOrDash(report.averageOrderValue, currency)}
            previous={formatMoneyOrDash(previous.averageOrderValue, currency)}
            change={describeChange(report.averageOrderValue, previous.averageOrderValue)}
          />
          <FigureCard
            label="Conversion rate"
            value={formatConversionRate(report.conversionRate)}
            previous={formatConversionRate(previous.conversionRate)}
            change={describeRateChange(report.conversionRate, previous.conversionRate)}
            hint={describeConversion(report)}
          />
          <FigureCard
            label="Checkout conversion"
            value={formatRate(report.checkoutConversionRate)}
            previous={formatRate(previous.checkoutConversionRate)}
            change={describeRateChange(report.checkoutConversionRate, previous.checkoutConversionRate)}
            hint={`Paid orders ÷ ${report.checkoutsStarted} ${report.checkoutsStarted === 1 ? "checkout" : "checkouts"} started.`}
          />
          <FigureCard
            label="Abandoned checkouts"
            value={String(report.abandonedCheckouts)}
            previous={String(previous.abandonedCheckouts)}
            change={describeChange(report.abandonedCheckouts, previous.abandonedCheckouts)}
            hint="Started, never paid, no longer open."
            isGoodWhenUp={false}
          />
          <FigureCard
            label="Refunded"
            value={money(report.refunded.amount)}
            previous={money(previous.refunded.amount)}
            change={describeChange(report.refunded.amount, previous.refunded.amount)}
            hint={`${report.refunded.orders} ${report.refunded.orders === 1 ? "order" : "orders"} placed in these days.`}
            isGoodWhenUp={false}
          />
          <FigureCard
            label="Discounts given"
            value={money(report.discountUsage.amount)}
            previous={money(previous.discountUsage.amount)}
            change={describeChange(report.discountUsage.amount, previous.discountUsage.amount)}
            hint={`${report.discountUsage.orders} paid ${report.discountUsage.orders === 1 ? "order" : "orders"} used a code.`}
          />
        </dl>
      </section>

      <Panel
        id="sales-heading"
        title={`Revenue and orders per ${report.bucket === "week" ? "week" : "day"}`}
        description={report.bucket === "week" ? "Long ranges are shown per week, weeks starting on Monday." : undefined}
      >
        {hasSales ? (
          <SalesChart series={report.series} previous={previous.series} bucket={report.bucket} currency={currency} />
        ) : (
          <Empty>No paid orders in these days or the ones before. Once shoppers start buying, their orders appear here day by day.</Empty>
        )}
      </Panel>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="top-revenue-heading" title="Top products by revenue" description="Item sales before order discounts, shipping excluded.">
          {report.topProducts.byRevenue.length > 0 ? (
            <>
              <TopProductsChart products={report.topProducts.byRevenue} measure="revenue" currency={currency} />
              <ProductTable products={report.topProducts.byRevenue} currency={currency} caption="Top products by revenue" />
            </>
          ) : (
            <Empty>No products sold in these days yet.</Empty>
          )}
        </Panel>
        <Panel id="top-quantity-heading" title="Top products by units sold">
          {report.topProducts.byQuantity.length > 0 ? (
            <>
              <TopProductsChart products={report.topProducts.byQuantity} measure="quantity" currency={currency} />
              <ProductTable products={report.topProducts.byQuantity} currency={currency} caption="Top products by units sold" />
            </>
          ) : (
            <Empty>No products sold in these days yet.</Empty>
          )}
        </Panel>
      </div>

      <Panel id="discounts-heading" title="Discount codes used" description="Paid orders that used a code, and the discount they were given.">
        {report.discountUsage.codes.length > 0 ? (
          <table className="w-full text-sm">
            <caption className="sr-only">Discount codes used in these days</caption>
            <thead>
              <tr className="border-b border-stone-200 text-left text-stone-600">
                <th scope="col" className="py-2 pr-2 font-medium">
                  Code
                </th>
                <th scope="col" className="py-2 pr-2 text-right font-medium">
                  Orders
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Discount given
                </th>
              </tr>
            </thead>
            <tbody>
              {report.discountUsage.codes.map((code) => (
                <tr key={code.code} className="border-b border-stone-100 last:border-0">
                  <th scope="row" className="py-2 pr-2 text-left font-mono font-normal">
                    {code.code}
                  </th>
                  <td className="py-2 pr-2 text-right tabular-nums">{code.orders}</td>
                  <td className="py-2 text-right tabular-nums">{money(code.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>No discount codes were used in these days.</Empty>
        )}
      </Panel>
    </div>
  );
}
