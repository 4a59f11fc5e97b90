"use client";
// Create or edit a collection: title, slug, description, photo, published or hidden, and its products
// in the order shoppers see them (dragged, or moved with the buttons). Every refusal, the server's included (a slug in use), is shown next
// to the field it belongs to.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { slugify } from "@/app/admin/products/_components/product-form";
import type { CollectionForEdit, CollectionProduct } from "@/lib/catalog/list-admin-collections";
import { CollectionPhotoField } from "./collection-photo-field";
import { DragHandle, dropMarkClass, moveTo, useDragReorder } from "@/app/admin/_components/drag-reorder";
import { MoveButtons } from "@/app/admin/_components/move-buttons";
import { ProductPicker } from "./product-picker";

const STATUS_NOTES: Record<CollectionProduct["status"], string> = {
  active: "",
  draft: "Draft: not shown until it is active",
  archived: "Archived: not shown",
};

export function CollectionForm({ collection }: { collection?: CollectionForEdit }) {
  const router = useRouter();
  const [name, setName] = useState(collection?.name ?? "");
  const [slug, setSlug] = useState(collection?.slug ?? "");
  const [isSlugEdited, setIsSlugEdited] = useState(Boolean(collection));
  const [description, setDescription] = useState(collection?.description ?? "");
  const [imageUrl, setImageUrl] = useState(collection?.imageUrl ?? "");
  const [isPublished, setIsPublished] = useState(collection?.isPublished ?? true);
  const [isFeatured, setIsFeatured] = useState(collection?.isFeatured ?? false);
  const [products, setProducts] = useState<CollectionProduct[]>(collection?.products ?? []);
  const [announcement, setAnnouncement] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const productsRef = useRef<HTMLElement>(null);
  /** After a removal, where the keyboard user's focus goes instead of the button that is gone. */
  const focusAfterRemoval = useRef<number | null>(null);

  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const buttons = productsRef.current?.querySelectorAll<HTMLButtonElement>("[data-remove-product]");
    const next = buttons?.[Math.min(index, buttons.length - 1)] ?? productsRef.current?.querySelector<HTMLInputElement>("input[type=search]");
    next?.focus();
  }, [products]);

  function moveProduct(from: number, to: number) {
    setProducts((current) => moveTo(current, from, to));
    setAnnouncement(`Moved ${products[from]!.name} to position ${to + 1} of ${products.length}.`);
  }
  const { listRef, handleProps, markOf } = useDragReorder<HTMLOListElement>(moveProduct);

  function removeProduct(index: number) {
    setAnnouncement(`Removed ${products[index]!.name}.`);
    setProducts((current) => current.filter((_, position) => position !== index));
    focusAfterRemoval.current = index;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    const body = { name, slug, description, imageUrl, isPublished, isFeatured, productIds: products.map((product) => product.id) };
    const result = collection
      ? await callAdminApi<{ collection: { id: number } }>(`/api/admin/collections/${collection.id}`, { method: "PATCH", body })
      : await callAdminApi<{ collection: { id: number } }>("/api/admin/collections", { method: "POST", body });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    router.replace(`/admin/collections/${result.data.collection.id}?${collection ? "saved" : "created"}=1`);
    router.refresh();
  }

  const chosenIds = new Set(products.map((product) => product.id));

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section aria-labelledby="collection-details" className="space-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="collection-details" className="pb-3 text-lg font-semibold">
          Details
        </h2>
        <Field id="collection-name" label="Title" error={errors.name}>
          {(control) => (
            <input
              {...control}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (!isSlugEdited) setSlug(slugify(event.target.value));
              }}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="collection-slug" label="Slug" hint="The collection's address: /collections/<slug>. Must be unique." error={errors.slug}>
          {(control) => (
            <input
              {...control}
              value={slug}
              onChange={(event) => {
                setIsSlugEdited(true);
                setSlug(event.target.value);
              }}
              className={inputClass}
            />
          )}
        </Field>
        <Field id="collection-description" label="Description" error={errors.description}>
          {(control) => <textarea {...control} rows={3} value={description} onChange={(event) => setDescription(event.target.value)} className={inputClass} />}
        </Field>
        <CollectionPhotoField value={imageUrl} onChange={setImageUrl} error={errors.imageUrl} />
        <fieldset className="pt-2">
          <legend className="text-sm font-medium text-stone-800">In the shop</legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="collection-visibility" checked={isPublished} onChange={() => setIsPublished(true)} className="size-4" /> Published
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="collection-visibility" checked={!isPublished} onChange={() => setIsPublished(false)} className="size-4" /> Hidden (kept, not
              shown)
            </label>
          </div>
        </fieldset>
        <label className="flex items-center gap-2 pt-3 text-sm">
          <input type="checkbox" checked={isFeatured} onChange={(event) => setIsFeatured(event.target.checked)} className="size-4" /> Show on the home page
        </label>
      </section>

      <section ref={productsRef} aria-labelledby="collection-products" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <div>
          <h2 id="collection-products" className="text-lg font-semibold">
            Products
          </h2>
          <p className="text-sm text-stone-600">Shoppers see them in this order. Removing one takes it out of the collection only.</p>
        </div>
        <p role="status" className="sr-only">
          {announcement}
        </p>
        {products.length === 0 ? (
          <p className="rounded-md border border-dashed border-stone-300 p-4 text-sm text-stone-700">No products in this collection yet.</p>
        ) : (
          <ol ref={listRef} aria-label="Products in this collection" className="divide-y divide-stone-100 rounded-md border border-stone-200">
            {products.map((product, index) => {
              const error = errors[`productIds.${index}`];
              return (
                <li key={product.id} data-testid="collection-product" className={`flex flex-wrap items-center gap-2 sm:gap-3 px-2 py-2 sm:px-3 ${dropMarkClass(markOf(index))}`}>
                  <DragHandle itemLabel={product.name} {...handleProps(index)} />
                  <span className="w-6 text-right text-sm tabular-nums text-stone-600" aria-hidden="true">
                    {index + 1}.
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block text-sm font-medium text-stone-900">{product.name}</span>
                    {STATUS_NOTES[product.status] ? <span className="block text-xs text-stone-600">{STATUS_NOTES[product.status]}</span> : null}
                    {error ? <span className="block text-sm text-red-700">{error}</span> : null}
                  </span>
                  <MoveButtons itemLabel={product.name} index={index} count={products.length} onMove={(offset) => moveProduct(index, index + offset)} />
                  <button type="button" data-remove-product onClick={() => removeProduct(index)} aria-label={`Remove ${product.name}`} className="text-sm text-red-700 underline underline-offset-2">
                    Remove
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        {errors.productIds ? <p className="text-sm text-red-700">{errors.productIds}</p> : null}
        <ProductPicker
          chosenIds={chosenIds}
          onAdd={(product) => {
            setProducts((current) => (current.some((entry) => entry.id === product.id) ? current : [...current, product]));
            setAnnouncement(`Added ${product.name} at the end.`);
          }}
        />
      </section>

      <FormProblem message={problem} />
      <button type="submit" disabled={isSaving} className={primaryButtonClass}>
        {isSaving ? "Saving…" : collection ? "Save collection" : "Create collection"}
      </button>
    </form>
  );
}
