"use client";
// Create or edit a product: details, photos, collections and variants. Every refusal, the server's
// included (a slug or SKU in use, a photo without a description), is shown next to its field.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass, secondaryButtonClass } from "@/app/admin/_components/form-field";
import { moneyText, parseMoney, parseWhole } from "@/app/admin/_components/form-values";
import { optionLabel, optionNamesOf } from "@/lib/catalog/variant-options";
import type { ProductStatus } from "@/lib/db/schema";
import { isStoredUploadUrl } from "@/lib/uploads/upload-url";
import { newPhotoKey, ProductPhotos, type PhotoDraft } from "./product-photos";

export type ProductFormProduct = {
  id: number;
  name: string;
  slug: string;
  description: string;
  status: ProductStatus;
  isFeatured: boolean;
  collectionIds: number[];
  images: { url: string; alt: string; variantSku: string | null }[];
  variants: {
    id: number;
    name: string;
    options: Record<string, string>;
    sku: string;
    price: number;
    compareAtPrice: number | null;
    weightGrams: number;
    isActive: boolean;
    stock: number;
  }[];
};

type VariantDraft = {
  key: number;
  id?: number;
  stock?: number;
  values: string[];
  name: string;
  sku: string;
  price: string;
  compareAtPrice: string;
  weightGrams: string;
  isActive: boolean;
  initialStock: string;
};

const STATUS_LABELS: Record<ProductStatus, string> = { draft: "Draft (hidden)", active: "Active (on sale)", archived: "Archived (off the shop, kept on past orders)" };

/** "Merino Sock 4ply" → "merino-sock-4ply". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

const optionKey = (label: string) => label.trim().toLowerCase().replace(/\s+/g, "_");
let nextKey = 1;

function draftsOf(product: ProductFormProduct | undefined, optionKeys: string[]): VariantDraft[] {
  if (!product) return [{ key: nextKey++, values: [""], name: "", sku: "", price: "", compareAtPrice: "", weightGrams: "", isActive: true, initialStock: "0" }];
  return product.variants.map((variant) => ({
    key: nextKey++,
    id: variant.id,
    stock: variant.stock,
    values: optionKeys.map((key) => variant.options[key] ?? ""),
    name: Object.keys(variant.options).length > 0 ? "" : variant.name,
    sku: variant.sku,
    price: moneyText(variant.price),
    compareAtPrice: moneyText(variant.compareAtPrice),
    weightGrams: String(variant.weightGrams),
    isActive: variant.isActive,
    initialStock: "0",
  }));
}

function photoDraftsOf(product: ProductFormProduct | undefined, variants: VariantDraft[]): PhotoDraft[] {
  return (product?.images ?? []).map((image) => ({
    key: newPhotoKey(),
    url: image.url,
    alt: image.alt,
    variantKey: variants.find((variant) => variant.sku === image.variantSku)?.key ?? null,
    isAddress: !isStoredUploadUrl(image.url),
    previewUrl: null,
    fileName: null,
    upload: null,
  }));
}

const variantTitle = (variant: Pick<VariantDraft, "values" | "name">, index: number) => variant.values.filter(Boolean).join(" / ") || variant.name || `Variant ${index + 1}`;

export function ProductForm({ product, collections, currency }: { product?: ProductFormProduct; collections: { id: number; name: string }[]; currency: string }) {
  const router = useRouter();
  const initialKeys = product ? optionNamesOf(product.variants) : ["colour"];
  const [name, setName] = useState(product?.name ?? "");
  const [slug, setSlug] = useState(product?.slug ?? "");
  const [isSlugEdited, setIsSlugEdited] = useState(Boolean(product));
  const [description, setDescription] = useState(product?.description ?? "");
  const [status, setStatus] = useState<ProductStatus>(product?.status ?? "draft");
  const [isFeatured, setIsFeatured] = useState(product?.isFeatured ?? false);
  const [collectionIds, setCollectionIds] = useState<number[]>(product?.collectionIds ?? []);
  const [optionNames, setOptionNames] = useState(initialKeys.map(optionLabel));
  const [variants, setVariants] = useState<VariantDraft[]>(() => draftsOf(product, initialKeys));
  const [photos, setPhotos] = useState<PhotoDraft[]>(() => photoDraftsOf(product, variants));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const updateVariant = (index: number, change: Partial<VariantDraft>) =>
    setVariants((current) => current.map((variant, position) => (position === index ? { ...variant, ...change } : variant)));

  function addOption() {
    setOptionNames((current) => [...current, ""]);
    setVariants((current) => current.map((variant) => ({ ...variant, values: [...variant.values, ""] })));
  }

  function removeOption(index: number) {
    setOptionNames((current) => current.filter((_, position) => position !== index));
    setVariants((current) => current.map((variant) => ({ ...variant, values: variant.values.filter((_, position) => position !== index) })));
  }

  function addVariant() {
    setVariants((current) => [
      ...current,
      { key: nextKey++, values: optionNames.map(() => ""), name: "", sku: "", price: current.at(-1)?.price ?? "", compareAtPrice: "", weightGrams: current.at(-1)?.weightGrams ?? "", isActive: true, initialStock: "0" },
    ]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const keys = optionNames.map(optionKey);
    optionNames.forEach((label, index) => {
      if (!label.trim()) found[`option-${index}`] = "Name the option, e.g. Colour.";
      else if (keys.indexOf(keys[index]!) !== index) found[`option-${index}`] = "Two options have this name.";
    });
    const payload = variants.map((variant, index) => {
      const at = (field: string) => `variants.${index}.${field}`;
      const price = parseMoney(variant.price);
      if (price === null) found[at("price")] = "Enter a price such as 18.00.";
      const compareAtPrice = variant.compareAtPrice.trim() === "" ? null : parseMoney(variant.compareAtPrice);
      if (variant.compareAtPrice.trim() !== "" && compareAtPrice === null) found[at("compareAtPrice")] = "Enter an amount such as 22.00, or leave it empty.";
      const weightGrams = parseWhole(variant.weightGrams);
      if (weightGrams === null || Number.isNaN(weightGrams)) found[at("weightGrams")] = "Enter the weight in whole grams.";
      const initialStock = parseWhole(variant.initialStock) ?? 0;
      if (Number.isNaN(initialStock)) found[at("initialStock")] = "Enter a whole number of units.";
      const options: Record<string, string> = {};
      keys.forEach((key, position) => {
        const value = variant.values[position]?.trim() ?? "";
        if (!value) found[`${at("options")}.${position}`] = "Enter a value.";
        options[key] = value;
      });
      return { id: variant.id, options, name: variant.name, sku: variant.sku, price, compareAtPrice, weightGrams, isActive: variant.isActive, initialStock };
    });
    const images = photos.map((photo, index) => {
      const at = (field: string) => `images.${index}.${field}`;
      if (photo.upload?.error) found[at("url")] = "This photo did not upload. Remove it, then try again.";
      else if (!photo.upload && photo.url.trim() === "") found[at("url")] = "Enter the photo's address, or remove it.";
      if (photo.alt.trim() === "") found[at("alt")] = "Describe the photo for someone who cannot see it.";
      const variant = variants.find((candidate) => candidate.key === photo.variantKey);
      return { url: photo.url, alt: photo.alt, variantSku: variant ? variant.sku : null };
    });
    setErrors(found);
    if (photos.some((photo) => photo.upload && !photo.upload.error)) {
      setProblem("Wait until every photo has finished uploading.");
      return;
    }
    if (Object.keys(found).length > 0) {
      setProblem("Check the highlighted fields.");
      return;
    }
    setIsSaving(true);
    const body = {
      name,
      slug,
      description,
      status,
      isFeatured,
      collectionIds,
      images,
      variants: payload,
    };
    const result = product
      ? await callAdminApi<{ product: { id: number } }>(`/api/admin/products/${product.id}`, { method: "PATCH", body })
      : await callAdminApi<{ product: { id: number } }>("/api/admin/products", { method: "POST", body });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    // The page remounts this form from the saved product (new variants come back with their ids)
    // and says what happened.
    router.replace(`/admin/products/${result.data.product.id}?${product ? "saved" : "created"}=1`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section aria-labelledby="product-details" className="space-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="product-details" className="pb-3 text-lg font-semibold">
          Details
        </h2>
        <Field id="product-name" label="Name" error={errors.name}>
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
        <Field id="product-slug" label="Slug" hint="The product's address: /products/<slug>. Must be unique." error={errors.slug}>
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
        <Field id="product-description" label="Description" error={errors.description}>
          {(control) => <textarea {...control} rows={4} value={description} onChange={(event) => setDescription(event.target.value)} className={inputClass} />}
        </Field>
        <Field id="product-status" label="Status" error={errors.status}>
          {(control) => (
            <select {...control} value={status} onChange={(event) => setStatus(event.target.value as ProductStatus)} className={inputClass}>
              {(Object.keys(STATUS_LABELS) as ProductStatus[]).map((value) => (
                <option key={value} value={value}>
                  {STATUS_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={isFeatured} onChange={(event) => setIsFeatured(event.target.checked)} className="size-4" /> Featured on the home page
        </label>
      </section>

      <fieldset className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6" aria-describedby="collections-error">
        <legend className="px-1 text-lg font-semibold">Collections</legend>
        {collections.length === 0 ? <p className="text-sm text-stone-600">No collections yet.</p> : null}
        <div className="grid gap-2 sm:grid-cols-2">
          {collections.map((collection) => (
            <label key={collection.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={collectionIds.includes(collection.id)}
                onChange={(event) =>
                  setCollectionIds((current) => (event.target.checked ? [...current, collection.id] : current.filter((id) => id !== collection.id)))
                }
                className="size-4"
              />
              {collection.name}
            </label>
          ))}
        </div>
        <p id="collections-error" className="mt-1 min-h-5 text-sm text-red-700">
          {errors.collectionIds}
        </p>
      </fieldset>

      <ProductPhotos photos={photos} setPhotos={setPhotos} variants={variants.map((variant, index) => ({ key: variant.key, title: variantTitle(variant, index) }))} errors={errors} />

      <section aria-labelledby="product-variants" className="space-y-4 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="product-variants" className="text-lg font-semibold">
          Variants
        </h2>
        <div>
          <p className="text-sm font-medium text-stone-800">Options</p>
          <p className="text-sm text-stone-600">What shoppers choose between, e.g. Colour and Weight.</p>
          <ul className="mt-2 flex flex-wrap gap-3">
            {optionNames.map((label, index) => (
              <li key={index} className="flex items-end gap-2">
                <Field id={`option-${index}`} label={`Option ${index + 1}`} error={errors[`option-${index}`]}>
                  {(control) => (
                    <input
                      {...control}
                      value={label}
                      onChange={(event) => setOptionNames((current) => current.map((name, position) => (position === index ? event.target.value : name)))}
                      className={`${inputClass} w-40`}
                    />
                  )}
                </Field>
                {optionNames.length > 1 ? (
                  <button type="button" onClick={() => removeOption(index)} aria-label={`Remove option ${label || index + 1}`} className="mb-7 text-sm text-red-700 underline underline-offset-2">
                    Remove
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {optionNames.length < 3 ? (
            <button type="button" onClick={addOption} className="text-sm font-medium text-brand-700 underline underline-offset-2">
              Add an option
            </button>
          ) : null}
        </div>

        <ol className="space-y-4">
          {variants.map((variant, index) => {
            const at = (field: string) => errors[`variants.${index}.${field}`];
            const title = variantTitle(variant, index);
            return (
              <li key={variant.key}>
                <fieldset className="rounded-md border border-stone-200 p-3" data-testid="variant-fieldset">
                  <legend className="px-1 font-medium">
                    {index + 1}. {title}
                  </legend>
                  <div className="grid gap-x-3 sm:grid-cols-3">
                    {optionNames.map((label, position) => (
                      <Field key={position} id={`variant-${index}-option-${position}`} label={label || `Option ${position + 1}`} error={errors[`variants.${index}.options.${position}`]}>
                        {(control) => (
                          <input
                            {...control}
                            value={variant.values[position] ?? ""}
                            onChange={(event) => updateVariant(index, { values: variant.values.map((value, at) => (at === position ? event.target.value : value)) })}
                            className={inputClass}
                          />
                        )}
                      </Field>
                    ))}
                    {optionNames.length === 0 ? (
                      <Field id={`variant-${index}-name`} label="Variant name" error={at("name")}>
                        {(control) => <input {...control} value={variant.name} onChange={(event) => updateVariant(index, { name: event.target.value })} className={inputClass} />}
                      </Field>
                    ) : null}
                    <Field id={`variant-${index}-sku`} label="SKU" error={at("sku")}>
                      {(control) => <input {...control} value={variant.sku} onChange={(event) => updateVariant(index, { sku: event.target.value })} className={`${inputClass} uppercase`} />}
                    </Field>
                    <Field id={`variant-${index}-price`} label={`Price (${currency})`} error={at("price")}>
                      {(control) => <input {...control} inputMode="decimal" value={variant.price} onChange={(event) => updateVariant(index, { price: event.target.value })} className={inputClass} />}
                    </Field>
                    <Field id={`variant-${index}-compare`} label={`Compare-at price (${currency})`} hint="Optional: the old price, shown struck through." error={at("compareAtPrice")}>
                      {(control) => (
                        <input {...control} inputMode="decimal" value={variant.compareAtPrice} onChange={(event) => updateVariant(index, { compareAtPrice: event.target.value })} className={inputClass} />
                      )}
                    </Field>
                    <Field id={`variant-${index}-weight`} label="Weight (g)" error={at("weightGrams")}>
                      {(control) => <input {...control} inputMode="numeric" value={variant.weightGrams} onChange={(event) => updateVariant(index, { weightGrams: event.target.value })} className={inputClass} />}
                    </Field>
                    {variant.id === undefined ? (
                      <Field id={`variant-${index}-stock`} label="Opening stock" error={at("initialStock")}>
                        {(control) => (
                          <input {...control} inputMode="numeric" value={variant.initialStock} onChange={(event) => updateVariant(index, { initialStock: event.target.value })} className={inputClass} />
                        )}
                      </Field>
                    ) : (
                      <div className="pb-4 text-sm">
                        <p className="font-medium text-stone-800">Stock</p>
                        <p className="mt-2">
                          {variant.stock} on hand ·{" "}
                          <Link href={`/admin/inventory/${variant.id}`} className="text-brand-700 underline underline-offset-2">
                            history and adjustments
                          </Link>
                        </p>
                      </div>
                    )}
                  </div>
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <label className="flex items-center gap-2 text-sm">
                      <input type="checkbox" checked={variant.isActive} onChange={(event) => updateVariant(index, { isActive: event.target.checked })} className="size-4" /> On sale
                    </label>
                    {variant.id === undefined && variants.length > 1 ? (
                      <button
                        type="button"
                        onClick={() => setVariants((current) => current.filter((_, position) => position !== index))}
                        className="text-sm text-red-700 underline underline-offset-2"
                        aria-label={`Remove variant ${index + 1}`}
                      >
                        Remove
                      </button>
                    ) : null}
                  </div>
                  {optionNames.length > 0 && at("name") ? <p className="text-sm text-red-700">{at("name")}</p> : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {errors.variants ? <p className="text-sm text-red-700">{errors.variants}</p> : null}
        <button type="button" onClick={addVariant} className={secondaryButtonClass}>
          Add a variant
        </button>
      </section>

      <FormProblem message={problem} />
      <button type="submit" disabled={isSaving} className={primaryButtonClass}>
        {isSaving ? "Saving…" : product ? "Save product" : "Create product"}
      </button>
    </form>
  );
}
