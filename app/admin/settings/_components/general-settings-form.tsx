"use client";
// The general store settings form: name, support email, currency, order numbers, low stock, per-item cap,
// the logo at the top of emails, then the legal trader details, the home page's text and the announcement bar.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { parseWhole } from "@/app/admin/_components/form-values";
import { SinglePhotoField } from "@/app/admin/_components/single-photo-field";

export type GeneralSettingsValues = {
  storeName: string;
  supportEmail: string;
  currency: string;
  orderNumberPrefix: string;
  lowStockThreshold: number;
  maxUnitsPerVariant: number;
  logoUrl: string | null;
  traderName: string;
  traderAddress: string;
  traderCompanyNumber: string;
  traderVatNumber: string;
  homeHeading: string;
  homeText: string;
  announcementEnabled: boolean;
  announcementText: string;
  announcementLink: string;
};

const sectionHeadingClass = "pb-3 pt-4 text-lg font-semibold";

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
  const set = (key: Exclude<keyof typeof values, "announcementEnabled" | "logoUrl">) => (event: { target: { value: string } }) => {
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
      <SinglePhotoField
        label="Logo for emails"
        value={values.logoUrl}
        onChange={(logoUrl) => {
          setSaved(false);
          setValues((current) => ({ ...current, logoUrl }));
        }}
        error={errors.logoUrl}
      />

      <fieldset className="border-t border-stone-200">
        <legend className={sectionHeadingClass}>Trader details</legend>
        <p className="pb-3 text-sm text-stone-600">
          The legal details a UK shop must show. Once the business name is set they appear in the shop&apos;s footer, at the end of the Terms page and in order emails.
        </p>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="settings-trader-name" label="Business name" hint="Your trading or registered company name." error={errors.traderName}>
            {(control) => <input {...control} value={values.traderName} onChange={set("traderName")} autoComplete="organization" className={inputClass} />}
          </Field>
          <Field id="settings-trader-address" label="Geographic address" hint="Where the business is, one part per line (not a PO box)." error={errors.traderAddress} className="sm:row-span-2">
            {(control) => <textarea {...control} rows={4} value={values.traderAddress} onChange={set("traderAddress")} autoComplete="street-address" className={inputClass} />}
          </Field>
          <Field id="settings-trader-company" label="Company number (optional)" hint="For a limited company, e.g. 01234567." error={errors.traderCompanyNumber}>
            {(control) => <input {...control} value={values.traderCompanyNumber} onChange={set("traderCompanyNumber")} className={`${inputClass} uppercase`} />}
          </Field>
          <Field id="settings-trader-vat" label="VAT number (optional)" hint="If you are VAT registered, e.g. GB123456789." error={errors.traderVatNumber}>
            {(control) => <input {...control} value={values.traderVatNumber} onChange={set("traderVatNumber")} className={`${inputClass} uppercase`} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="border-t border-stone-200">
        <legend className={sectionHeadingClass}>Home page</legend>
        <Field id="settings-home-heading" label="Heading" hint="Leave empty to show the store's name." error={errors.homeHeading}>
          {(control) => <input {...control} value={values.homeHeading} onChange={set("homeHeading")} className={inputClass} />}
        </Field>
        <Field id="settings-home-text" label="Text under the heading" error={errors.homeText}>
          {(control) => <textarea {...control} rows={3} value={values.homeText} onChange={set("homeText")} className={inputClass} />}
        </Field>
      </fieldset>

      <fieldset className="border-t border-stone-200">
        <legend className={sectionHeadingClass}>Announcement bar</legend>
        <div className="flex items-start gap-3 pb-3">
          <input
            id="settings-announcement-enabled"
            type="checkbox"
            checked={values.announcementEnabled}
            onChange={(event) => {
              setSaved(false);
              setValues((current) => ({ ...current, announcementEnabled: event.target.checked }));
            }}
            aria-describedby="settings-announcement-enabled-hint"
            className="mt-1 size-5 accent-brand-700"
          />
          <div>
            <label htmlFor="settings-announcement-enabled" className="font-medium">
              Show the announcement bar
            </label>
            <p id="settings-announcement-enabled-hint" className="text-sm text-stone-600">
              A line above the header on every shop page: a sale, a dispatch break, a new collection.
            </p>
          </div>
        </div>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="settings-announcement-text" label="Announcement" hint="Up to 200 characters." error={errors.announcementText}>
            {(control) => <input {...control} maxLength={200} value={values.announcementText} onChange={set("announcementText")} className={inputClass} />}
          </Field>
          <Field id="settings-announcement-link" label="Link (optional)" hint="A shop page such as /pages/shipping-returns, or an https:// address." error={errors.announcementLink}>
            {(control) => <input {...control} value={values.announcementLink} onChange={set("announcementLink")} className={inputClass} />}
          </Field>
        </div>
      </fieldset>

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
