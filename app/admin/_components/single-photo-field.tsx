"use client";
// One photo for a form (a collection's picture, for example): upload or replace it through the same
// endpoint as product photos, with its progress, a preview and a way to clear it.
import { useId, useRef, useState } from "react";
import { secondaryButtonClass } from "./form-field";
import { PHOTO_ACCEPT, uploadPhotoFile } from "./upload-photo-file";

type SinglePhotoFieldProps = {
  label: string;
  value: string | null;
  onChange: (url: string | null) => void;
  error?: string;
};

export function SinglePhotoField({ label, value, onChange, error }: SinglePhotoFieldProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const message = problem ?? error;

  async function choose(file: File | undefined) {
    if (input.current) input.current.value = "";
    if (!file) return;
    setProblem(null);
    setPercent(0);
    const result = await uploadPhotoFile(file, setPercent);
    setPercent(null);
    if (result.ok) onChange(result.photo.url);
    else setProblem(result.message);
  }

  return (
    <div role="group" aria-labelledby={`${id}-label`} className="space-y-2">
      <p id={`${id}-label`} className="text-sm font-medium text-stone-800">
        {label}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <div className="size-24 shrink-0 overflow-hidden rounded-md bg-stone-100">
          {value ? (
            // eslint-disable-next-line @next/next/no-img-element -- the owner's own preview of a stored photo or a pasted address
            <img src={value} alt="" className="size-full object-cover" />
          ) : (
            <span className="flex size-full items-center justify-center text-xs text-stone-700">No photo</span>
          )}
        </div>
        <input
          ref={input}
          id={id}
          type="file"
          accept={PHOTO_ACCEPT}
          onChange={(event) => void choose(event.target.files?.[0])}
          className="peer sr-only"
          aria-describedby={`${id}-hint ${id}-error`}
          disabled={percent !== null}
        />
        <label htmlFor={id} className={`${secondaryButtonClass} cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2`}>
          {value ? "Replace photo" : "Upload a photo"}
        </label>
        {value ? (
          <button type="button" onClick={() => onChange(null)} className="text-sm text-red-700 underline underline-offset-2">
            Remove photo
          </button>
        ) : null}
      </div>
      {percent !== null ? <progress value={percent} max={100} aria-label={`Uploading ${label.toLowerCase()}`} className="h-2 w-full max-w-xs accent-brand-700" /> : null}
      <p id={`${id}-hint`} className="text-xs text-stone-600">
        JPEG, PNG, WebP or AVIF, up to 15 MB.
      </p>
      <p id={`${id}-error`} role={problem ? "alert" : undefined} className="min-h-5 text-sm text-red-700">
        {message}
      </p>
    </div>
  );
}
