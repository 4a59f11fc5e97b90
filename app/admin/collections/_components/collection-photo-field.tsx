"use client";
// The collection's photo: uploaded through the same endpoint as product photos (SinglePhotoField).
import { SinglePhotoField } from "@/app/admin/_components/single-photo-field";

type CollectionPhotoFieldProps = { value: string; onChange: (url: string) => void; error?: string };

/** The form keeps "no photo" as an empty string (the API reads it as none); the upload field speaks null. */
export function CollectionPhotoField({ value, onChange, error }: CollectionPhotoFieldProps) {
  return <SinglePhotoField label="Photo (optional: without one, the first product's photo shows)" value={value === "" ? null : value} onChange={(url) => onChange(url ?? "")} error={error} />;
}
