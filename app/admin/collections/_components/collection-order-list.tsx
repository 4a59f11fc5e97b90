"use client";
// The collections in the order the shop shows them, each dragged to its place or moved up or down.
// Every move saves the whole order at once; moves are sent one after another, so the last one the
// owner made wins.
import Link from "next/link";
import { useRef, useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import type { AdminCollectionRow } from "@/lib/catalog/list-admin-collections";
import { DragHandle, dropMarkClass, moveTo, useDragReorder } from "@/app/admin/_components/drag-reorder";
import { MoveButtons } from "@/app/admin/_components/move-buttons";

export function CollectionOrderList({ collections }: { collections: AdminCollectionRow[] }) {
  const [rows, setRows] = useState(collections);
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const saved = useRef(collections);
  const queue = useRef<Promise<void>>(Promise.resolve());

  const { listRef, handleProps, markOf } = useDragReorder<HTMLOListElement>(move);

  function move(from: number, to: number) {
    const next = moveTo(rows, from, to);
    const moved = rows[from]!;
    setRows(next);
    setProblem(null);
    setAnnouncement(`Moved ${moved.name} to position ${to + 1} of ${next.length}.`);
    queue.current = queue.current.then(async () => {
      const result = await callAdminApi("/api/admin/collections/order", { method: "POST", body: { ids: next.map((row) => row.id) } });
      if (result.ok) {
        saved.current = next;
        return;
      }
      setRows(saved.current);
      setAnnouncement("");
      setProblem(result.error.message);
    });
  }

  return (
    <div className="space-y-3">
      {problem ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      ) : null}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <ol ref={listRef} className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" aria-label="Collections in shop order">
        {rows.map((collection, index) => (
          <li key={collection.id} data-testid="collection-row" className={`flex flex-wrap items-center gap-2 sm:gap-3 px-2 sm:px-4 py-3 ${dropMarkClass(markOf(index))}`}>
            <DragHandle itemLabel={collection.name} {...handleProps(index)} />
            <span className="w-6 text-right text-sm tabular-nums text-stone-600" aria-hidden="true">
              {index + 1}.
            </span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                <Link href={`/admin/collections/${collection.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {collection.name}
                </Link>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${collection.isPublished ? "bg-green-100 text-green-900" : "bg-stone-200 text-stone-800"}`}>
                  {collection.isPublished ? "Published" : "Hidden"}
                </span>
                {collection.isFeatured ? <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900">Home page</span> : null}
              </p>
              <p className="break-all text-sm text-stone-600">
                /collections/{collection.slug} · {collection.productCount} {collection.productCount === 1 ? "product" : "products"}
              </p>
            </div>
            <MoveButtons itemLabel={collection.name} index={index} count={rows.length} onMove={(offset) => move(index, index + offset)} />
          </li>
        ))}
      </ol>
    </div>
  );
}
