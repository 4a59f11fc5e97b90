"use client";
// Add or edit one weight-banded shipping rate of a zone.
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { moneyText, parseMoney, parseWhole } from "@/app/admin/_components/form-values";

export type RateValues = {
  id: number;
  name: string;
  minWeightGrams: number;
  maxWeightGrams: number | null;
  price: number;
  freeOverSubtotal: number | null;
  minDeliveryDays: number;
  maxDeliveryDays: number;
  isTracked: boolean;
  isActive: boolean;
  position: number;
};

export function RateForm({ zoneId, rate, currency }: { zoneId: number; rate?: RateValues; currency: string }) {
  const id = useId();
  const router = useRouter();
  const [text, setText] = useState({
    name: rate?.name ?? "",
    minWeightGrams: String(rate?.minWeightGrams ?? 0),
    maxWeightGrams: rate?.maxWeightGrams === null || rate === undefined ? "" : String(rate.maxWeightGrams),
    price: rate ? moneyText(rate.price) : "",
    freeOverSubtotal: rate?.freeOverSubtotal == null ? "" : moneyText(rate.freeOverSubtotal),
    minDeliveryDays: String(rate?.minDeliveryDays ?? 2),
    maxDeliveryDays: String(rate?.maxDeliveryDays ?? 3),
    position: String(rate?.position ?? 0),
  });
  const [isTracked, setIsTracked] = useState(rate?.isTracked ?? false);
  const [isActive, setIsActive] = useState(rate?.isActive ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const set = (key: keyof typeof text) => (event: { target: { value: string } }) => setText((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const whole = (key: keyof typeof text, required: boolean) => {
      const value = parseWhole(text[key]);
      if (Number.isNaN(value) || (required && value === null)) found[key] = "Enter a whole number.";
      return value;
    };
    const minWeightGrams = whole("minWeightGrams", true);
    const maxWeightGrams = whole("maxWeightGrams", false);
    const minDeliveryDays = whole("minDeliveryDays", true);
    const maxDeliveryDays = whole("maxDeliveryDays", true);
    const position = whole("position", true);
    const price = parseMoney(text.price);
    if (price === null) found.price = "Enter a price such as 3.95 (0 for free).";
    const freeOverSubtotal = text.freeOverSubtotal.trim() === "" ? null : parseMoney(text.freeOverSubtotal);
    if (text.freeOverSubtotal.trim() !== "" && freeOverSubtotal === null) found.freeOverSubtotal = "Enter an amount such as 50.00, or leave it empty.";
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem("Check the highlighted fields.");
      return;
    }
    setIsSaving(true);
    setStatus(null);
    const body = { name: text.name, minWeightGrams, maxWeightGrams, price, freeOverSubtotal, minDeliveryDays, maxDeliveryDays, isTracked, isActive, position };
    const result = rate
      ? await callAdminApi(`/api/admin/shipping/rates/${rate.id}`, { method: "PATCH", body })
      : await callAdminApi(`/api/admin/shipping/zones/${zoneId}/rates`, { method: "POST", body });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setProblem(null);
    setStatus(rate ? "Rate saved." : "Rate added.");
    if (!rate) setText((current) => ({ ...current, name: "", price: "", freeOverSubtotal: "" }));
    router.refresh();
  }

  const field = (key: keyof typeof text, label: string, hint?: string, inputMode: "numeric" | "decimal" | "text" = "numeric") => (
    <Field id={`${id}-${key}`} label={label} hint={hint} error={errors[key]}>
      {(control) => <input {...control} inputMode={inputMode} value={text[key]} onChange={set(key)} className={inputClass} />}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-1">
      {field("name", "Service name", undefined, "text")}
      <div className="grid gap-x-4 sm:grid-cols-2">
        {field("minWeightGrams", "From weight (g)")}
        {field("maxWeightGrams", "Up to weight (g)", "Empty: no upper limit.")}
        {field("price", `Price (${currency})`, undefined, "decimal")}
        {field("freeOverSubtotal", `Free over (${currency})`, "Empty: never free.", "decimal")}
        {field("minDeliveryDays", "Fastest delivery (days)")}
        {field("maxDeliveryDays", "Slowest delivery (days)")}
        {field("position", "Order in the list")}
      </div>
      <div className="flex flex-wrap gap-4 pb-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isTracked} onChange={(event) => setIsTracked(event.target.checked)} className="size-4" /> Tracked
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isActive} onChange={(event) => setIsActive(event.target.checked)} className="size-4" /> Offered to shoppers
        </label>
      </div>
      <FormProblem message={problem} />
      {status ? (
        <p role="status" className="text-sm text-green-800">
          {status}
        </p>
      ) : null}
      <button type="submit" disabled={isSaving} className={primaryButtonClass}>
        {isSaving ? "Saving…" : rate ? "Save rate" : "Add rate"}
      </button>
    </form>
  );
}
