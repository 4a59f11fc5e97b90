"use client";
// The inventory table with row selection (one by one, the whole page, or everything matching the
// filters) and the bulk "Adjust stock" action.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import type { InventoryPage, InventoryRow } from "@/lib/inventory/list-inventory";
import { AdjustStockDialog, type AdjustTarget, type ReasonOption } from "./adjust-stock-dialog";

type InventoryTableProps = {
  rows: InventoryRow[];
  total: number;
  /** The current filters as a query string, to fetch every matching variant. */
  filterQuery: string;
  maxItems: number;
  reasons: ReasonOption[];
};

const toTarget = (row: InventoryRow): AdjustTarget => ({
  variantId: row.variantId,
  sku: row.sku,
  productName: row.productName,
  variantName: row.variantName,
  stock: row.onHand,
});

function StockFlag({ row }: { row: InventoryRow }) {
  if (row.isOut) return <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Out of stock</span>;
  if (row.isLow) return <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Low</span>;
  return null;
}

export function InventoryTable({ rows, total, filterQuery, maxItems, reasons }: InventoryTableProps) {
  const router = useRouter();
  const [selected, setSelected] = useState<Map<number, AdjustTarget>>(new Map());
  const [isAllMatching, setIsAllMatching] = useState(false);
  const [dialog, setDialog] = useState<{ key: number; targets: AdjustTarget[] } | null>(null);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  const isPageSelected = rows.length > 0 && rows.every((row) => selected.has(row.variantId));
  const selectedCount = isAllMatching ? total : selected.size;

  function toggle(row: InventoryRow) {
    setIsAllMatching(false);
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(row.variantId)) next.delete(row.variantId);
      else next.set(row.variantId, toTarget(row));
      return next;
    });
  }

  function togglePage() {
    setIsAllMatching(false);
    setSelected((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (isPageSelected) next.delete(row.variantId);
        else next.set(row.variantId, toTarget(row));
      }
      return next;
    });
  }

  function clear() {
    setIsAllMatching(false);
    setSelected(new Map());
  }

  async function openAdjust() {
    setStatus(null);
    if (!isAllMatching) {
      setDialog({ key: Date.now(), targets: [...selected.values()] });
      return;
    }
    if (total > maxItems) {
      setStatus({ tone: "error", text: `At most ${maxItems.toLocaleString("en-GB")} variants can be adjusted at once: narrow the filters.` });
      return;
    }
    setIsLoading(true);
    const result = await callAdminApi<InventoryPage>(`/api/admin/inventory?${filterQuery}&page=1&pageSize=${maxItems}`);
    setIsLoading(false);
    if (!result.ok) {
      setStatus({ tone: "error", text: result.error.message });
      return;
    }
    setDialog({ key: Date.now(), targets: result.data.rows.map(toTarget) });
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 rounded-lg border border-stone-200 bg-white px-3 py-2" role="group" aria-label="Selected variants">
        <p className="mr-auto text-sm" aria-live="polite">
          {selectedCount === 0 ? "No variants selected." : `${selectedCount.toLocaleString("en-GB")} selected${isAllMatching ? " (all matching)" : ""}.`}
        </p>
        {selectedCount > 0 ? (
          <button type="button" onClick={clear} className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 underline underline-offset-2">
            Clear selection
          </button>
        ) : null}
        <button
          type="button"
          onClick={openAdjust}
          disabled={selectedCount === 0 || isLoading}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {isLoading ? "Loading…" : "Adjust stock"}
        </button>
      </div>

      {isPageSelected && total > rows.length && !isAllMatching ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm">
          All {rows.length} variants on this page are selected.{" "}
          <button type="button" onClick={() => setIsAllMatching(true)} className="font-medium text-brand-700 underline underline-offset-2">
            Select all {total.toLocaleString("en-GB")} matching variants
          </button>
        </p>
      ) : null}

      {status ? (
        <p role={status.tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${status.tone === "error" ? "border border-red-200 bg-red-50 text-red-800" : "border border-green-200 bg-green-50 text-green-900"}`}>
          {status.text}
        </p>
      ) : null}

      <table className="w-full table-fixed border-collapse rounded-lg bg-white text-left text-sm shadow-sm">
        <caption className="sr-only">Stock of every variant matching the filters</caption>
        <thead className="border-b border-stone-200 text-stone-600">
          <tr>
            <th scope="col" className="w-10 px-3 py-2">
              <input type="checkbox" checked={isPageSelected} onChange={togglePage} aria-label="Select all on this page" className="size-4" />
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Variant
            </th>
            <th scope="col" className="hidden w-40 px-2 py-2 font-medium lg:table-cell">
              SKU
            </th>
            <th scope="col" className="hidden w-20 px-2 py-2 text-right font-medium sm:table-cell">
              On hand
            </th>
            <th scope="col" className="hidden w-20 px-2 py-2 text-right font-medium sm:table-cell">
              Reserved
            </th>
            <th scope="col" className="w-24 px-3 py-2 text-right font-medium">
              Available
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((row) => (
            <tr key={row.variantId} data-testid="inventory-row" data-sku={row.sku} className={selected.has(row.variantId) || isAllMatching ? "bg-brand-50" : undefined}>
              <td className="px-3 py-2 align-top">
                <input
                  type="checkbox"
                  checked={isAllMatching || selected.has(row.variantId)}
                  onChange={() => toggle(row)}
                  aria-label={`Select ${row.productName}, ${row.variantName} (${row.sku})`}
                  className="size-4"
                />
              </td>
              <td className="break-words px-2 py-2 align-top">
                <Link href={`/admin/inventory/${row.variantId}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {row.productName} · {row.variantName}
                </Link>
                <span className="block text-stone-600 lg:hidden">{row.sku}</span>
                <span className="block text-stone-600 sm:hidden">
                  On hand {row.onHand} · reserved {row.reserved}
                </span>
                {row.productStatus !== "active" ? <span className="mt-1 block text-xs text-stone-600">Product is {row.productStatus}</span> : null}
              </td>
              <td className="hidden break-all px-2 py-2 align-top text-stone-700 lg:table-cell">{row.sku}</td>
              <td className="hidden px-2 py-2 text-right align-top tabular-nums sm:table-cell" data-testid="on-hand">
                {row.onHand}
              </td>
              <td className="hidden px-2 py-2 text-right align-top tabular-nums sm:table-cell">{row.reserved}</td>
              <td className="px-3 py-2 text-right align-top">
                <span className="block tabular-nums">{row.available}</span>
                <StockFlag row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {dialog ? (
        <AdjustStockDialog
          key={dialog.key}
          open
          targets={dialog.targets}
          reasons={reasons}
          onClose={() => setDialog(null)}
          onApplied={(message) => {
            setDialog(null);
            clear();
            setStatus({ tone: "ok", text: message });
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
