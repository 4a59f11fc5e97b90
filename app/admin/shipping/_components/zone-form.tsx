"use client";
// Create or edit a shipping zone: its name and its countries.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { CountryPicker } from "./country-picker";

type ZoneFormProps = {
  /** A country's `refusal` says why checkout does not offer it (a code saved before the country list was cleaned). */
  zone?: { id: number; name: string; countries: { code: string; name: string; refusal: string | null }[] };
  countries: { code: string; name: string }[];
  takenBy: Record<string, string>;
};

export function ZoneForm({ zone, countries, takenBy }: ZoneFormProps) {
  const router = useRouter();
  const [name, setName] = useState(zone?.name ?? "");
  const [selected, setSelected] = useState<string[]>(zone?.countries.map((country) => country.code) ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [isSaving, setIsSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    setSaved(false);
    const body = { name, countries: selected };
    const result = zone
      ? await callAdminApi(`/api/admin/shipping/zones/${zone.id}`, { method: "PATCH", body })
      : await callAdminApi<{ zone: { id: number } }>("/api/admin/shipping/zones", { method: "POST", body });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    if (zone) {
      setSaved(true);
      router.refresh();
    } else {
      router.push(`/admin/shipping/zones/${(result.data as { zone: { id: number } }).zone.id}`);
    }
  }

  const refused = (zone?.countries ?? []).filter((country) => country.refusal !== null);
  // A refused country comes back at its index (countries.3): the picker shows it as the field's error.
  const countriesError = errors.countries ?? Object.entries(errors).find(([path]) => path.startsWith("countries."))?.[1];

  return (
    <form onSubmit={submit} noValidate className="space-y-2 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <Field id="zone-name" label="Zone name" error={errors.name}>
        {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />}
      </Field>
      <CountryPicker countries={countries} takenBy={takenBy} refused={refused} selected={selected} onChange={setSelected} error={countriesError} />
      <FormProblem message={problem} />
      {saved ? (
        <p role="status" className="text-sm text-green-800">
          Zone saved.
        </p>
      ) : null}
      <button type="submit" disabled={isSaving} className={primaryButtonClass}>
        {isSaving ? "Saving…" : zone ? "Save zone" : "Create zone"}
      </button>
    </form>
  );
}
