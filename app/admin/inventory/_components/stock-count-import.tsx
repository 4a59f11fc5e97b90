"use client";
// CSV import of a stock count (`sku,quantity`): parsed in the browser with papaparse, checked against
// the shop's SKUs, then through the same confirmation and endpoint as any bulk adjustment (mode `set`).
import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import type { VariantStock } from "@/lib/inventory/list-inventory";
import { AdjustStockDialog, type AdjustTarget, type ReasonOption } from "./adjust-stock-dialog";

type CountLine = { sku: string; quantity: number };

/** The file's lines, or the problems that stop it (each with its line number, header being line 1). */
export function readCountCsv(text: string, maxLines: number): { lines: CountLine[]; problems: string[] } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (header) => header.trim().toLowerCase(),
  });
  const problems: string[] = [];
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes("sku") || !fields.includes("quantity")) return { lines: [], problems: ["The first line must name the columns: sku,quantity."] };
  const seen = new Set<string>();
  const lines: CountLine[] = [];
  for (const [index, row] of parsed.data.entries()) {
    const lineNumber = index + 2;
    const sku = (row.sku ?? "").trim();
    const quantityText = (row.quantity ?? "").trim();
    const quantity = Number(quantityText);
    if (!sku) problems.push(`Line ${lineNumber}: the SKU is missing.`);
    else if (seen.has(sku)) problems.push(`Line ${lineNumber}: ${sku} is listed twice.`);
    else if (quantityText === "" || !Number.isInteger(quantity) || quantity < 0) problems.push(`Line ${lineNumber}: the quantity of ${sku} must be a whole number, zero or more.`);
    else lines.push({ sku, quantity });
    seen.add(sku);
  }
  if (lines.length === 0 && problems.length === 0) problems.push("The file has no lines to apply.");
  if (lines.length > maxLines) problems.push(`The file has ${lines.length} lines; apply at most ${maxLines} at once.`);
  return { lines, problems };
}

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
