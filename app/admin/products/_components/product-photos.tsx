"use client";
// The product's photos in the editor: upload several at once (drop or pick), watch each one's
// progress, describe it, say which colourway it shows, and put them in order (drag, or the Move
// buttons). Pasted web addresses
// still work. The list itself lives in the product form, which saves it.
import { useId, useRef, useState, type Dispatch, type DragEvent, type SetStateAction } from "react";
import { Field, inputClass, secondaryButtonClass } from "@/app/admin/_components/form-field";
import { DragHandle, dropMarkClass, moveTo, useDragReorder } from "@/app/admin/_components/drag-reorder";
import { MoveButtons } from "@/app/admin/_components/move-buttons";
import { PHOTO_ACCEPT, uploadPhotoFile } from "@/app/admin/_components/upload-photo-file";

export type PhotoDraft = {
  key: number;
  url: string;
  alt: string;
  /** The key of the variant draft it shows; null for a general photo. */
  variantKey: number | null;
  /** A pasted address (edited as text) rather than an uploaded file. */
  isAddress: boolean;
  /** The chosen file, shown while it uploads and after. */
  previewUrl: string | null;
  /** The uploaded file's name, to tell the photos apart. */
  fileName: string | null;
  upload: { percent: number; error: string | null } | null;
};

let nextPhotoKey = 1;
export const newPhotoKey = () => nextPhotoKey++;

type ProductPhotosProps = {
  photos: PhotoDraft[];
  setPhotos: Dispatch<SetStateAction<PhotoDraft[]>>;
  variants: { key: number; title: string }[];
  errors: Record<string, string>;
};

export function ProductPhotos({ photos, setPhotos, variants, errors }: ProductPhotosProps) {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [isDragging, setIsDragging] = useState(false);
  const change = (key: number, update: Partial<PhotoDraft>) => setPhotos((current) => current.map((photo) => (photo.key === key ? { ...photo, ...update } : photo)));

  function addFiles(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const key = newPhotoKey();
      setPhotos((current) => [
        ...current,
        { key, url: "", alt: "", variantKey: null, isAddress: false, previewUrl: URL.createObjectURL(file), fileName: file.name, upload: { percent: 0, error: null } },
      ]);
      void uploadPhotoFile(file, (percent) =>
        setPhotos((current) => current.map((photo) => (photo.key === key && photo.upload ? { ...photo, upload: { ...photo.upload, percent } } : photo))),
      ).then((result) =>
        setPhotos((current) =>
          current.map((photo) => {
            if (photo.key !== key || !photo.upload) return photo;
            return result.ok ? { ...photo, url: result.photo.url, upload: null } : { ...photo, upload: { ...photo.upload, error: result.message } };
          }),
        ),
      );
    }
    if (fileInput.current) fileInput.current.value = "";
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setIsDragging(false);
    addFiles(event.dataTransfer.files);
  }

  const move = (from: number, to: number) => setPhotos((current) => moveTo(current, from, to));
  const { listRef, handleProps, markOf } = useDragReorder<HTMLOListElement>(move);

  function remove(photo: PhotoDraft) {
    if (photo.previewUrl) URL.revokeObjectURL(photo.previewUrl);
    setPhotos((current) => current.filter((item) => item.key !== photo.key));
  }

  const uploading = photos.filter((photo) => photo.upload && !photo.upload.error).length;

  return (
    <section aria-labelledby="product-images" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="product-images" className="text-lg font-semibold">
        Photos
      </h2>
      <p className="text-sm text-stone-600">The first photo is the one shoppers see in lists. Tie a photo to a colourway to show it when that colourway is picked.</p>

      <div
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={drop}
        data-testid="photo-drop-zone"
        className={`mt-3 flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-6 text-center ${isDragging ? "border-brand-700 bg-brand-50" : "border-stone-300"}`}
      >
        <p className="text-sm text-stone-700">Drop photos here, or</p>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          multiple
          accept={PHOTO_ACCEPT}
          onChange={(event) => addFiles(event.target.files)}
          className="peer sr-only"
          aria-describedby={`${inputId}-hint`}
        />
        <label htmlFor={inputId} className={`${secondaryButtonClass} cursor-pointer peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 peer-focus-visible:ring-offset-2`}>
          Choose photos
        </label>
        <p id={`${inputId}-hint`} className="text-xs text-stone-600">
          JPEG, PNG, WebP or AVIF, up to 15 MB each. Location and camera details are removed.
        </p>
      </div>
      <p role="status" className="mt-2 min-h-5 text-sm text-stone-700">
        {uploading > 0 ? `Uploading ${uploading} ${uploading === 1 ? "photo" : "photos"}…` : ""}
      </p>

      <ol ref={listRef} className="mt-2 space-y-3">
        {photos.map((photo, index) => {
          const at = (field: string) => errors[`images.${index}.${field}`];
          const number = index + 1;
          const thumbnail = photo.previewUrl ?? (/^(https:\/\/|\/[^/])/.test(photo.url) ? photo.url : null);
          return (
            <li key={photo.key} className={`flex gap-2 rounded-md border border-stone-200 p-3 ${dropMarkClass(markOf(index))}`} data-testid="photo-item">
              <DragHandle itemLabel={`photo ${number}`} {...handleProps(index)} />
              <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row">
                <div className="size-24 shrink-0 overflow-hidden rounded-md bg-stone-100">
                  {thumbnail ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a preview of a file still on this device (blob:) or of an address pasted from any host
                    <img src={thumbnail} alt="" className="size-full object-cover" />
                  ) : null}
                </div>
                <div className="min-w-0 flex-1">
                  <h3 className="text-sm font-semibold text-stone-800">
                    Photo {number}
                    {photo.fileName ? <span className="break-all font-normal text-stone-600"> · {photo.fileName}</span> : null}
                  </h3>
                  {photo.upload && !photo.upload.error ? (
                    <progress value={photo.upload.percent} max={100} aria-label={`Uploading photo ${number}`} className="mt-1 h-2 w-full accent-brand-700" />
                  ) : null}
                  {photo.upload?.error ? (
                    <p role="alert" className="mt-1 text-sm text-red-700">
                      {photo.upload.error}
                    </p>
                  ) : null}
                  {photo.isAddress ? (
                    <Field id={`image-${photo.key}-url`} label={`Photo ${number} address`} error={at("url")}>
                      {(control) => <input {...control} type="url" value={photo.url} placeholder="https://" onChange={(event) => change(photo.key, { url: event.target.value })} className={inputClass} />}
                    </Field>
                  ) : at("url") ? (
                    <p className="mt-1 text-sm text-red-700">{at("url")}</p>
                  ) : null}
                  <div className="grid gap-x-3 sm:grid-cols-2">
                    <Field id={`image-${photo.key}-alt`} label="Alt text" hint="What the photo shows, for people who cannot see it." error={at("alt")}>
                      {(control) => <input {...control} required value={photo.alt} onChange={(event) => change(photo.key, { alt: event.target.value })} className={inputClass} />}
                    </Field>
                    <Field id={`image-${photo.key}-variant`} label="Shows" error={at("variantSku")}>
                      {(control) => (
                        <select
                          {...control}
                          value={photo.variantKey ?? ""}
                          onChange={(event) => change(photo.key, { variantKey: event.target.value === "" ? null : Number(event.target.value) })}
                          className={inputClass}
                        >
                          <option value="">Every colourway (general photo)</option>
                          {variants.map((variant) => (
                            <option key={variant.key} value={variant.key}>
                              {variant.title}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </div>
                  <div className="flex flex-wrap items-center gap-3 text-sm">
                    <MoveButtons itemLabel={`photo ${number}`} index={index} count={photos.length} onMove={(offset) => move(index, index + offset)} />
                    <button type="button" onClick={() => remove(photo)} aria-label={`Remove photo ${number}`} className="text-red-700 underline underline-offset-2">
                      Remove
                    </button>
                  </div>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        onClick={() => setPhotos((current) => [...current, { key: newPhotoKey(), url: "", alt: "", variantKey: null, isAddress: true, previewUrl: null, fileName: null, upload: null }])}
        className={`${secondaryButtonClass} mt-3`}
      >
        Add a photo by web address
      </button>
    </section>
  );
}
