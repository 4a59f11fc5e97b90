"use client";
// Create or edit a content page: title, address, visibility and Markdown beside a live preview drawn
// by the storefront's own renderer. Every refusal, the server's included (an address in use), shows
// next to its field.
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState, type FormEvent } from "react";
import { callAdminApi, fieldErrorsOf } from "@/app/admin/_components/admin-api";
import { Field, FormProblem, inputClass, primaryButtonClass } from "@/app/admin/_components/form-field";
import { slugify } from "@/app/admin/products/_components/product-form";
import { renderMarkdown } from "@/lib/pages/render-markdown";

export type PageFormPage = { id: number; title: string; slug: string; body: string; isPublished: boolean };

export function PageForm({ page }: { page?: PageFormPage }) {
  const router = useRouter();
  const [title, setTitle] = useState(page?.title ?? "");
  const [slug, setSlug] = useState(page?.slug ?? "");
  const [isSlugEdited, setIsSlugEdited] = useState(Boolean(page));
  const [body, setBody] = useState(page?.body ?? "");
  const [isPublished, setIsPublished] = useState(page?.isPublished ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  // The preview trails the typing a little on a long page rather than slowing it down.
  const previewSource = useDeferredValue(body);
  const previewHtml = useMemo(() => renderMarkdown(previewSource), [previewSource]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    const payload = { title, slug, body, isPublished };
    const result = page
      ? await callAdminApi<{ page: { id: number } }>(`/api/admin/pages/${page.id}`, { method: "PATCH", body: payload })
      : await callAdminApi<{ page: { id: number } }>("/api/admin/pages", { method: "POST", body: payload });
    setIsSaving(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.code === "validation_error" ? "Check the highlighted fields." : result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    router.replace(`/admin/pages/${result.data.page.id}?${page ? "saved" : "created"}=1`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <section aria-labelledby="page-details" className="space-y-1 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="page-details" className="pb-3 text-lg font-semibold">
          Details
        </h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field id="page-title" label="Title" error={errors.title}>
            {(control) => (
              <input
                {...control}
                value={title}
                onChange={(event) => {
                  setTitle(event.target.value);
                  if (!isSlugEdited) setSlug(slugify(event.target.value));
                }}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="page-slug" label="Address" hint="The page lives at /pages/<address>. Must be unique." error={errors.slug}>
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
        </div>
        <div className="flex items-start gap-3 pb-2">
          <input id="page-published" type="checkbox" checked={isPublished} onChange={(event) => setIsPublished(event.target.checked)} aria-describedby="page-published-hint" className="mt-1 size-5 accent-brand-700" />
          <div>
            <label htmlFor="page-published" className="font-medium">
              Published
            </label>
            <p id="page-published-hint" className="text-sm text-stone-600">
              Shoppers can open it and the footer links it. Hidden pages answer &ldquo;not found&rdquo;.
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="page-text" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="page-text" className="pb-3 text-lg font-semibold">
          Text
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <Field
            id="page-body"
            label="Markdown"
            hint="## for a heading, **bold**, *italic*, - for a list, [text](/pages/terms) for a link. HTML is shown as typed, never run."
            error={errors.body}
          >
            {(control) => <textarea {...control} rows={22} value={body} onChange={(event) => setBody(event.target.value)} className={`${inputClass} font-mono text-sm`} />}
          </Field>
          <div>
            <h3 id="page-preview-heading" className="text-sm font-medium text-stone-800">
              Preview
            </h3>
            <div
              role="region"
              aria-labelledby="page-preview-heading"
              data-testid="page-preview"
              className="mt-1 max-h-[36rem] overflow-y-auto rounded-md border border-stone-200 bg-stone-50 p-4"
              tabIndex={0}
            >
              <p className="font-serif text-2xl font-semibold text-brand-900">{title || "Untitled"}</p>
              <div className="page-prose mt-4" dangerouslySetInnerHTML={{ __html: previewHtml }} />
            </div>
          </div>
        </div>
      </section>

      <FormProblem message={problem} />
      <div>
        <button type="submit" disabled={isSaving} className={primaryButtonClass}>
          {isSaving ? "Saving…" : page ? "Save page" : "Create page"}
        </button>
      </div>
    </form>
  );
}
