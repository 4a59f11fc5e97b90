"use client";
// Revenue (bars) and paid orders (line) per day or week, with the previous period's revenue dashed behind.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SeriesPoint } from "@/lib/analytics/get-analytics";
import { formatMoney } from "@/lib/money";
import { formatDay, formatMoneyCompact } from "./analytics-format";

type Row = { label: string; revenue: number; orders: number; previousRevenue: number | null };

export function SalesChart({
  series,
  previous,
  bucket,
  currency,
}: {
  series: SeriesPoint[];
  previous: SeriesPoint[];
  bucket: "day" | "week";
  currency: string;
}) {
  // The previous period has as many days; its buckets line up with these by position.
  const rows: Row[] = series.map((point, index) => ({
    label: formatDay(point.key, "short"),
    revenue: point.revenue,
    orders: point.orders,
    previousRevenue: previous[index]?.revenue ?? null,
  }));
  const unit = bucket === "week" ? "week (from Monday)" : "day";
  const summary = `Revenue and paid orders per ${unit}, ${rows.length} ${bucket === "week" ? "weeks" : "days"}; the table below the chart lists every value.`;

  return (
    <figure>
      <div role="img" aria-label={summary} className="h-72 w-full sm:h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 13, fill: "#44403c" }} minTickGap={16} tickMargin={8} />
            <YAxis
              yAxisId="money"
              tick={{ fontSize: 13, fill: "#44403c" }}
              tickFormatter={(value: number) => formatMoneyCompact(value, currency)}
              width={64}
            />
            <YAxis yAxisId="orders" orientation="right" allowDecimals={false} tick={{ fontSize: 13, fill: "#44403c" }} width={40} />
            <Tooltip
              formatter={(value, name) =>
                name === "Orders" ? [String(value), name] : [formatMoney(Number(value), currency), String(name)]
              }
            />
            <Legend wrapperStyle={{ fontSize: 14 }} />
            <Bar yAxisId="money" dataKey="revenue" name="Revenue" fill="#4d6b3c" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line
              yAxisId="money"
              dataKey="previousRevenue"
              name="Previous period revenue"
              stroke="#78716c"
              strokeDasharray="5 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line yAxisId="orders" dataKey="orders" name="Orders" stroke="#b45309" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-stone-600">
        Bars: revenue per {unit}. Orange line: paid orders (right axis). Dashed: revenue in the same position of the previous period.
      </figcaption>
      {/* The wrapper hides the table: a table given sr-only itself still lays out at full width and scrolls a phone sideways. */}
      <div className="sr-only">
        <table>
          <caption>Revenue and orders per {unit}</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === "week" ? "Week from" : "Day"}</th>
              <th scope="col">Revenue</th>
              <th scope="col">Orders</th>
              <th scope="col">Previous period revenue</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point, index) => (
              <tr key={point.key}>
                <th scope="row">{formatDay(point.key)}</th>
                <td>{formatMoney(point.revenue, currency)}</td>
                <td>{point.orders}</td>
                <td>{rows[index]!.previousRevenue === null ? "—" : formatMoney(rows[index]!.previousRevenue!, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
