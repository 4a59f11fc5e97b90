"use client";
// The collection's photo, by web address for now. It is one component on purpose: the form uses it on
// a single line, so an upload field can take its place without touching the form.
import { Field, inputClass } from "@/app/admin/_components/form-field";

type CollectionPhotoFieldProps = { value: string; onChange: (url: string) => void; error?: string };

export function CollectionPhotoField({ value, onChange, error }: CollectionPhotoFieldProps) {
  return (
    <Field id="collection-image" label="Photo address" hint="Optional: a picture starting with https://. Empty shows the first product's photo." error={error}>
      {(control) => <input {...control} type="url" value={value} placeholder="https://" onChange={(event) => onChange(event.target.value)} className={inputClass} />}
    </Field>
  );
}
