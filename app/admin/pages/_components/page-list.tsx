"use client";
// The pages in footer order, each with a move up / move down and a delete that asks first.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import { ConfirmActionButton } from "@/app/admin/_components/confirm-action-button";
import { FormProblem } from "@/app/admin/_components/form-field";

export type PageListItem = { id: number; slug: string; title: string; isPublished: boolean };

const moveButtonClass = "rounded-md border border-stone-300 bg-white px-2 py-1 text-sm text-stone-800 hover:bg-stone-50 disabled:opacity-40";

export function PageList({ pages }: { pages: PageListItem[] }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  async function move(page: PageListItem, position: number) {
    setBusyId(page.id);
    const result = await callAdminApi(`/api/admin/pages/${page.id}`, { method: "PATCH", body: { position } });
    setBusyId(null);
    setProblem(result.ok ? null : result.error.message);
    if (result.ok) router.refresh();
  }

  return (
    <div className="space-y-3">
      <FormProblem message={problem} />
      <ol className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
        {pages.map((page, index) => (
          <li key={page.id} data-testid="page-row" className="grid gap-2 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={`/admin/pages/${page.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {page.title}
                </Link>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${page.isPublished ? "bg-green-100 text-green-900" : "bg-stone-200 text-stone-800"}`}>
                  {page.isPublished ? "Published" : "Hidden"}
                </span>
              </p>
              <p className="break-all text-sm text-stone-600">/pages/{page.slug}</p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <button type="button" className={moveButtonClass} disabled={index === 0 || busyId !== null} onClick={() => move(page, index - 1)} aria-label={`Move ${page.title} up`}>
                ↑ Up
              </button>
              <button
                type="button"
                className={moveButtonClass}
                disabled={index === pages.length - 1 || busyId !== null}
                onClick={() => move(page, index + 1)}
                aria-label={`Move ${page.title} down`}
              >
                ↓ Down
              </button>
              <ConfirmActionButton
                label="Delete"
                accessibleLabel={`Delete ${page.title}`}
                title={`Delete “${page.title}”?`}
                message={`The page and its text are removed for good, and links to /pages/${page.slug} will stop working. To take it off the shop for now, hide it instead.`}
                confirmLabel="Delete page"
                url={`/api/admin/pages/${page.id}`}
                method="DELETE"
              />
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
