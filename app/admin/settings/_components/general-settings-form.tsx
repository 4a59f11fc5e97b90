"use client";
// The general store settings form: name, support email, currency, order number prefix, low-stock threshold, per-item cap.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { parseWhole } from "@/app/admin/_components/form-values";

export type GeneralSettingsValues = {
  storeName: string;
  supportEmail: string;
  currency: string;
  orderNumberPrefix: string;
  lowStockThreshold: number;
  maxUnitsPerVariant: number;
};

export function GeneralSettingsForm({ initial, currencies }: { initial: GeneralSettingsValues; currencies: string[] }) {
  const router = useRouter();
  const [values, setValues] = useState({
    ...initial,
    lowStockThreshold: String(initial.lowStockThreshold),
    maxUnitsPerVariant: String(initial.maxUnitsPerVariant),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => {
    setSaved(false);
    setValues((current) => ({ ...current, [key]: event.target.value }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const threshold = parseWhole(values.lowStockThreshold);
    const maxUnits = parseWhole(values.maxUnitsPerVariant);
    const unitErrors: Record<string, string> = {};
    if (threshold === null || Number.isNaN(threshold)) unitErrors.lowStockThreshold = "Enter a whole number of units.";
    if (maxUnits === null || Number.isNaN(maxUnits)) unitErrors.maxUnitsPerVariant = "Enter a whole number of units.";
    if (Object.keys(unitErrors).length > 0) {
      setErrors(unitErrors);
      setProblem("Check the highlighted fields.");
      return;
    }
    setIsSaving(true);
    const result = await callAdminApi("/api/admin/settings", {
      method: "PUT",
      body: { ...values, lowStockThreshold: threshold, maxUnitsPerVariant: maxUnits },
    });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="general-settings-heading" className="space-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="general-settings-heading" className="pb-3 text-lg font-semibold">
        Store
      </h2>
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field id="settings-store-name" label="Store name" error={errors.storeName}>
          {(control) => <input {...control} value={values.storeName} onChange={set("storeName")} autoComplete="organization" className={inputClass} />}
        </Field>
        <Field id="settings-support-email" label="Support email" hint="Shown in the shop's footer and in order emails." error={errors.supportEmail}>
          {(control) => <input {...control} type="email" value={values.supportEmail} onChange={set("supportEmail")} autoComplete="email" className={inputClass} />}
        </Field>
        <Field id="settings-currency" label="Currency" hint="Prices are not converted: change it only before you sell." error={errors.currency}>
          {(control) => (
            <select {...control} value={values.currency} onChange={set("currency")} className={inputClass}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="settings-order-prefix" label="Order number prefix" hint="Up to 6 letters or digits, e.g. HD- gives HD-1001." error={errors.orderNumberPrefix}>
          {(control) => <input {...control} value={values.orderNumberPrefix} onChange={set("orderNumberPrefix")} className={`${inputClass} uppercase`} />}
        </Field>
        <Field id="settings-low-stock" label="Low-stock threshold" hint="A variant with this many or fewer available is flagged." error={errors.lowStockThreshold}>
          {(control) => <input {...control} inputMode="numeric" value={values.lowStockThreshold} onChange={set("lowStockThreshold")} className={inputClass} />}
        </Field>
        <Field
          id="settings-max-units"
          label="Most of one item per order"
          hint="Carts and checkouts refuse more units of one colourway than this, so one shopper cannot hold a whole dye lot while paying (1–99)."
          error={errors.maxUnitsPerVariant}
        >
          {(control) => <input {...control} inputMode="numeric" value={values.maxUnitsPerVariant} onChange={set("maxUnitsPerVariant")} className={inputClass} />}
        </Field>
      </div>
      <FormProblem message={problem} />
      {saved ? (
        <p role="status" className="text-sm text-green-800">
          Settings saved.
        </p>
      ) : null}
      <div className="pt-2">
        <button type="submit" disabled={isSaving} className={primaryButtonClass}>
          {isSaving ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}
