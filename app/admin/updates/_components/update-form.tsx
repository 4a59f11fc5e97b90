"use client";
// Schedule or edit a shop update: London times, the colourways with their released quantities and limits, the update's limits.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass, secondaryButtonClass } from "@/app/admin/_components/form-field";
import { isoToShopTime, parseWhole, shopTimeToIso } from "@/app/admin/_components/form-values";
import type { ColourwayOption } from "@/lib/updates/colourway-options";
import type { UpdateView } from "@/lib/updates/list-updates";

type Row = { variantId: number; quantityText: string; limitText: string };

const textOf = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

export function UpdateForm({ initial, options }: { initial?: UpdateView; options: ColourwayOption[] }) {
  const router = useRouter();
  const isLive = initial?.state === "live";
  const [name, setName] = useState(initial?.name ?? "");
  const [previewAt, setPreviewAt] = useState(isoToShopTime(initial?.previewAt ?? null));
  const [liveAt, setLiveAt] = useState(isoToShopTime(initial?.liveAt ?? null));
  const [closeAt, setCloseAt] = useState(isoToShopTime(initial?.closeAt ?? null));
  const [limitText, setLimitText] = useState(textOf(initial?.limitPerCustomer));
  const [holdText, setHoldText] = useState(String(initial?.holdMinutes ?? 10));
  const [rows, setRows] = useState<Row[]>(
    initial?.items.map((item) => ({ variantId: item.variantId, quantityText: textOf(item.quantity), limitText: textOf(item.limitPerCustomer) })) ?? [],
  );
  const [picked, setPicked] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const byId = new Map(options.map((option) => [option.variantId, option]));
  const products = [...new Map(options.map((option) => [option.productId, option.productName])).entries()];
  const chosen = new Set(rows.map((row) => row.variantId));

  function addPicked() {
    if (picked.startsWith("product:")) {
      const productId = Number(picked.slice("product:".length));
      const added = options.filter((option) => option.productId === productId && !chosen.has(option.variantId));
      setRows([...rows, ...added.map((option) => ({ variantId: option.variantId, quantityText: "", limitText: "" }))]);
    } else if (picked !== "" && !chosen.has(Number(picked))) {
      setRows([...rows, { variantId: Number(picked), quantityText: "", limitText: "" }]);
    }
    setPicked("");
  }

  const setRow = (index: number, change: Partial<Row>) => setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const times = { previewAt: previewAt ? shopTimeToIso(previewAt) : null, liveAt: liveAt ? shopTimeToIso(liveAt) : null, closeAt: closeAt ? shopTimeToIso(closeAt) : null };
    if (!times.liveAt) found.liveAt = "Enter the date and time it goes live.";
    const limit = parseWhole(limitText);
    if (Number.isNaN(limit)) found.limitPerCustomer = "Enter a whole number, or leave it empty for no limit.";
    const hold = parseWhole(holdText);
    if (hold === null || Number.isNaN(hold)) found.holdMinutes = "Enter a number of minutes from 1 to 60.";
    const items = rows.map((row, index) => {
      const quantity = parseWhole(row.quantityText);
      const rowLimit = parseWhole(row.limitText);
      if (Number.isNaN(quantity)) found[`items.${index}.quantity`] = "Enter a whole number, or leave it empty.";
      if (Number.isNaN(rowLimit)) found[`items.${index}.limitPerCustomer`] = "Enter a whole number, or leave it empty.";
      return { variantId: row.variantId, quantity, limitPerCustomer: rowLimit };
    });
    if (rows.length === 0) found.items = "Pick at least one colourway.";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem("Check the highlighted fields.");
      return;
    }
    setIsSaving(true);
    setProblem(null);
    // Once live, its preview and live times are history: sending them back could only be refused.
    const body = {
      name,
      ...(isLive ? {} : { previewAt: times.previewAt, liveAt: times.liveAt }),
      closeAt: times.closeAt,
      limitPerCustomer: limit,
      holdMinutes: hold,
      items,
    };
    const result = initial
      ? await callAdminApi<{ update: UpdateView }>(`/api/admin/updates/${initial.id}`, { method: "PATCH", body })
      : await callAdminApi<{ update: UpdateView }>("/api/admin/updates", { method: "POST", body });
    setIsSaving(false);
    if (result.ok) {
      router.push(`/admin/updates/${result.data.update.id}?saved=1`);
      router.refresh();
      return;
    }
    setErrors(fieldErrorsOf(result.error));
    setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-3xl space-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <Field id="update-name" label="Name" hint="For you and the shop: “Friday update”, “Autumn sock drop”." error={errors.name}>
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />}
      </Field>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <Field id="update-preview" label="Preview from (UK time)" hint="Shown, not buyable. Empty: no preview." error={errors.previewAt}>
          {(control) => <input {...control} type="datetime-local" disabled={isLive} value={previewAt} onChange={(event) => setPreviewAt(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="update-live" label="Goes live (UK time)" hint={isLive ? "Live already." : "To the minute."} error={errors.liveAt}>
          {(control) => <input {...control} type="datetime-local" disabled={isLive} value={liveAt} onChange={(event) => setLiveAt(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="update-close" label="Closes (UK time)" hint="Empty: stays open until you close it." error={errors.closeAt}>
          {(control) => <input {...control} type="datetime-local" value={closeAt} onChange={(event) => setCloseAt(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="update-limit" label="Limit per customer" hint="All its colourways together. Empty: no limit." error={errors.limitPerCustomer}>
          {(control) => <input {...control} inputMode="numeric" value={limitText} onChange={(event) => setLimitText(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="update-hold" label="Hold minutes" hint="How long a checkout keeps skeins for a shopper (1–60)." error={errors.holdMinutes}>
          {(control) => <input {...control} inputMode="numeric" value={holdText} onChange={(event) => setHoldText(event.target.value)} className={inputClass} />}
        </Field>
      </div>

      <fieldset className="space-y-3 pb-4">
        <legend className="text-sm font-medium text-stone-800">Colourways</legend>
        {isLive ? (
          <p className="text-sm text-stone-600">The update is live: its colourways and released quantities are fixed. Limits can still change.</p>
        ) : (
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 grow">
              <label htmlFor="update-pick" className="block text-sm text-stone-700">
                Add a colourway, or every colourway of a product
              </label>
              <select id="update-pick" value={picked} onChange={(event) => setPicked(event.target.value)} className={inputClass}>
                <option value="">Choose…</option>
                {products.map(([productId, productName]) => (
                  <optgroup key={productId} label={productName}>
                    <option value={`product:${productId}`}>All of {productName}</option>
                    {options
                      .filter((option) => option.productId === productId)
                      .map((option) => (
                        <option key={option.variantId} value={option.variantId} disabled={chosen.has(option.variantId)}>
                          {option.variantName} ({option.stock} in stock)
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <button type="button" onClick={addPicked} className={secondaryButtonClass}>
              Add
            </button>
          </div>
        )}
        <p id="update-items-error" className="text-sm text-red-700">
          {errors.items}
        </p>
        {rows.length > 0 ? (
          <ul className="divide-y divide-stone-100 rounded-md border border-stone-200">
            {rows.map((row, index) => {
              const option = byId.get(row.variantId);
              const label = option ? `${option.productName} – ${option.variantName}` : `Colourway ${row.variantId}`;
              const rowError = errors[`items.${index}.variantId`];
              return (
                <li key={row.variantId} data-testid="update-item" className="grid gap-2 p-3 sm:grid-cols-[minmax(0,1fr)_8rem_8rem_auto] sm:items-start">
                  <div className="min-w-0">
                    <p className="font-medium">{label}</p>
                    <p className="text-sm text-stone-600">{option ? `${option.stock} in stock now` : ""}</p>
                    {rowError ? <p className="text-sm text-red-700">{rowError}</p> : null}
                  </div>
                  <Field id={`item-${row.variantId}-quantity`} label="Release" hint="Empty: as stocked" error={errors[`items.${index}.quantity`]}>
                    {(control) => (
                      <input {...control} inputMode="numeric" disabled={isLive} aria-label={`Units released of ${label}`} value={row.quantityText} onChange={(event) => setRow(index, { quantityText: event.target.value })} className={inputClass} />
                    )}
                  </Field>
                  <Field id={`item-${row.variantId}-limit`} label="Limit each" hint="Empty: none" error={errors[`items.${index}.limitPerCustomer`]}>
                    {(control) => (
                      <input {...control} inputMode="numeric" aria-label={`Limit per customer of ${label}`} value={row.limitText} onChange={(event) => setRow(index, { limitText: event.target.value })} className={inputClass} />
                    )}
                  </Field>
                  {isLive ? null : (
                    <button type="button" onClick={() => setRows(rows.filter((_, at) => at !== index))} aria-label={`Remove ${label}`} className="self-center text-sm font-medium text-red-700 underline underline-offset-2">
                      Remove
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
        <p className="text-sm text-stone-600">
          Saving sets each colourway’s stock to the units released (recorded in the stock history as “update”).
        </p>
      </fieldset>
      <FormProblem message={problem} />
      <div className="pt-2">
        <button type="submit" disabled={isSaving} className={primaryButtonClass}>
          {isSaving ? "Saving…" : initial ? "Save changes" : "Schedule update"}
        </button>
      </div>
    </form>
  );
}
