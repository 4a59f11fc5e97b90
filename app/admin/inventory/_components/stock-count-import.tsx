"use client";
// CSV import of a stock count (`sku,quantity`): parsed in the browser with papaparse, checked against
// the shop's SKUs, then through the same confirmation and endpoint as any bulk adjustment (mode `set`).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import type { VariantStock } from "@/lib/inventory/list-inventory";
import { AdjustStockDialog, type AdjustTarget, type ReasonOption } from "./adjust-stock-dialog";
import { readCountCsv } from "./read-count-csv";

export function StockCountImport({ reasons, maxLines }: { reasons: ReasonOption[]; maxLines: number }) {
  const id = useId();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [isReading, setIsReading] = useState(false);
  const [dialog, setDialog] = useState<{ key: number; targets: AdjustTarget[]; note: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function review() {
    setMessage(null);
    if (!file) {
      setProblems(["Choose a CSV file first."]);
      return;
    }
    setIsReading(true);
    const { lines, problems: found } = readCountCsv(await file.text(), maxLines);
    if (found.length > 0) {
      setIsReading(false);
      setProblems(found);
      return;
    }
    const lookup = await callAdminApi<{ variants: VariantStock[] }>("/api/admin/inventory/lookup", { method: "POST", body: { skus: lines.map((line) => line.sku) } });
    setIsReading(false);
    if (!lookup.ok) {
      setProblems([lookup.error.message]);
      return;
    }
    const bySku = new Map(lookup.data.variants.map((variant) => [variant.sku, variant]));
    const unknown = lines.filter((line) => !bySku.has(line.sku)).map((line) => line.sku);
    if (unknown.length > 0) {
      setProblems([`No variant has the SKU ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ""}. Fix the file and try again.`]);
      return;
    }
    setProblems([]);
    setDialog({
      key: Date.now(),
      note: `Stock count from ${file.name}`,
      targets: lines.map((line) => {
        const variant = bySku.get(line.sku)!;
        return { variantId: variant.variantId, sku: variant.sku, productName: variant.productName, variantName: variant.variantName, stock: variant.stock, quantity: line.quantity };
      }),
    });
  }

  const errorId = `${id}-errors`;
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={`${id}-heading`} className="font-semibold">
        Import a stock count
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        A CSV file with the columns <code>sku,quantity</code>: each variant is set to its counted quantity, after you confirm.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <div className="min-w-0">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-stone-800">
            CSV file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setProblems([]);
            }}
            aria-invalid={problems.length > 0 || undefined}
            aria-describedby={errorId}
            className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-2"
          />
        </div>
        <button type="button" onClick={review} disabled={isReading} className="rounded-md border border-brand-700 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
          {isReading ? "Reading…" : "Review count"}
        </button>
      </div>
      <div id={errorId} role="alert" className="mt-2 text-sm text-red-700">
        {problems.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5">
            {problems.slice(0, 20).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {message ? (
        <p role="status" className="mt-2 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {message}
        </p>
      ) : null}
      {dialog ? (
        <AdjustStockDialog
          key={dialog.key}
          open
          isCount
          targets={dialog.targets}
          reasons={reasons}
          defaultNote={dialog.note}
          onClose={() => setDialog(null)}
          onApplied={(text) => {
            setDialog(null);
            setMessage(text);
            router.refresh();
          }}
        />
      ) : null}
    </section>
  );
}
