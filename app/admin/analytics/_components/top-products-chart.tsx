"use client";
// Best sellers as horizontal bars (long yarn names stay readable); the list beside it carries the figures.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TopProduct } from "@/lib/analytics/get-analytics";
import { formatMoney } from "@/lib/money";
import { formatMoneyCompact } from "./analytics-format";

export function TopProductsChart({ products, measure, currency }: { products: TopProduct[]; measure: "revenue" | "quantity"; currency: string }) {
  const summary =
    measure === "revenue"
      ? `Top ${products.length} products by revenue: ${products.map((product) => `${product.name} ${formatMoney(product.revenue, currency)}`).join(", ")}.`
      : `Top ${products.length} products by units sold: ${products.map((product) => `${product.name} ${product.quantity}`).join(", ")}.`;
  return (
    <div role="img" aria-label={summary} className="w-full" style={{ height: 56 + products.length * 44 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={products} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e7e5e4" horizontal={false} />
          <XAxis
            type="number"
            dataKey={measure}
            allowDecimals={false}
            tick={{ fontSize: 13, fill: "#44403c" }}
            tickFormatter={(value: number) => (measure === "revenue" ? formatMoneyCompact(value, currency) : String(value))}
          />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 13, fill: "#44403c" }} />
          <Tooltip formatter={(value) => (measure === "revenue" ? formatMoney(Number(value), currency) : `${value} units`)} />
          <Bar dataKey={measure} name={measure === "revenue" ? "Revenue" : "Units"} fill={measure === "revenue" ? "#4d6b3c" : "#b45309"} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
