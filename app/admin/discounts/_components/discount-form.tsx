"use client";
// Create or edit a discount code; every refusal is shown next to its field.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { isoToShopTime, moneyText, parseMoney, parseWhole, shopTimeToIso } from "@/app/admin/_components/form-values";
import type { DiscountKind } from "@/lib/db/schema";

export type DiscountFormValues = {
  id?: number;
  code: string;
  kind: DiscountKind;
  value: number;
  minimumSubtotal: number;
  startsAt: string | null;
  endsAt: string | null;
  usageLimit: number | null;
  isActive: boolean;
  uses: number;
};

export function DiscountForm({ initial, currency }: { initial?: DiscountFormValues; currency: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initial?.code ?? "");
  const [kind, setKind] = useState<DiscountKind>(initial?.kind ?? "percent");
  const [valueText, setValueText] = useState(initial ? (initial.kind === "fixed" ? moneyText(initial.value) : String(initial.value)) : "");
  const [minimumText, setMinimumText] = useState(initial && initial.minimumSubtotal > 0 ? moneyText(initial.minimumSubtotal) : "");
  const [startsAt, setStartsAt] = useState(isoToShopTime(initial?.startsAt ?? null));
  const [endsAt, setEndsAt] = useState(isoToShopTime(initial?.endsAt ?? null));
  const [limitText, setLimitText] = useState(initial?.usageLimit ? String(initial.usageLimit) : "");
  const [isActive, setIsActive] = useState(initial?.isActive ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const value = kind === "fixed" ? parseMoney(valueText) : parseWhole(valueText);
    if (value === null || Number.isNaN(value) || value <= 0) found.value = kind === "fixed" ? "Enter an amount such as 5.00." : "Enter a whole percentage from 1 to 100.";
    const minimum = minimumText.trim() === "" ? 0 : parseMoney(minimumText);
    if (minimum === null) found.minimumSubtotal = "Enter an amount such as 30.00, or leave it empty.";
    const starts = startsAt ? shopTimeToIso(startsAt) : null;
    const ends = endsAt ? shopTimeToIso(endsAt) : null;
    if (startsAt && !starts) found.startsAt = "Enter a date and time.";
    if (endsAt && !ends) found.endsAt = "Enter a date and time.";
    const limit = parseWhole(limitText);
    if (Number.isNaN(limit)) found.usageLimit = "Enter a whole number, or leave it empty for no limit.";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem("Check the highlighted fields.");
      return;
    }
    setIsSaving(true);
    setProblem(null);
    const body = { code, kind, value, minimumSubtotal: minimum, startsAt: starts, endsAt: ends, usageLimit: limit, isActive };
    const result = initial?.id
      ? await callAdminApi(`/api/admin/discounts/${initial.id}`, { method: "PATCH", body })
      : await callAdminApi("/api/admin/discounts", { method: "POST", body });
    setIsSaving(false);
    if (result.ok) {
      router.push(`/admin/discounts?saved=${encodeURIComponent(code.trim().toUpperCase())}`);
      router.refresh();
      return;
    }
    setErrors(fieldErrorsOf(result.error));
    setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <Field id="discount-code" label="Code" hint="What shoppers type at checkout; saved in capitals." error={errors.code}>
        {(control) => <input {...control} value={code} onChange={(event) => setCode(event.target.value)} autoCapitalize="characters" className={`${inputClass} uppercase`} />}
      </Field>
      <fieldset className="pb-4">
        <legend className="text-sm font-medium text-stone-800">Type</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="kind" checked={kind === "percent"} onChange={() => setKind("percent")} className="size-4" /> Percentage off
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="kind" checked={kind === "fixed"} onChange={() => setKind("fixed")} className="size-4" /> Fixed amount off ({currency})
          </label>
        </div>
      </fieldset>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="discount-value" label={kind === "percent" ? "Percentage" : `Amount (${currency})`} error={errors.value}>
          {(control) => <input {...control} inputMode="decimal" value={valueText} onChange={(event) => setValueText(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="discount-minimum" label={`Minimum subtotal (${currency})`} hint="Empty: any order." error={errors.minimumSubtotal}>
          {(control) => <input {...control} inputMode="decimal" value={minimumText} onChange={(event) => setMinimumText(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="discount-starts" label="Starts (UK time)" hint="Empty: straight away." error={errors.startsAt}>
          {(control) => <input {...control} type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="discount-ends" label="Ends (UK time)" hint="Empty: no end." error={errors.endsAt}>
          {(control) => <input {...control} type="datetime-local" value={endsAt} onChange={(event) => setEndsAt(event.target.value)} className={inputClass} />}
        </Field>
        <Field
          id="discount-limit"
          label="Usage limit"
          hint={initial ? `Used ${initial.uses} times so far. Empty: no limit.` : "Empty: no limit."}
          error={errors.usageLimit}
        >
          {(control) => <input {...control} inputMode="numeric" value={limitText} onChange={(event) => setLimitText(event.target.value)} className={inputClass} />}
        </Field>
      </div>
      <label className="flex items-center gap-2 pb-4 text-sm">
        <input type="checkbox" checked={isActive} onChange={(event) => setIsActive(event.target.checked)} className="size-4" /> Active (applies at checkout)
      </label>
      <FormProblem message={problem} />
      <div className="pt-2">
        <button type="submit" disabled={isSaving} className={primaryButtonClass}>
          {isSaving ? "Saving…" : initial?.id ? "Save changes" : "Create discount"}
        </button>
      </div>
    </form>
  );
}
