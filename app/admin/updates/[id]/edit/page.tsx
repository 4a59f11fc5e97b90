// /admin/updates/[id]/edit – change a scheduled update, or a live one's close time and limits.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { listColourwayOptions } from "@/lib/updates/colourway-options";
import { getUpdate } from "@/lib/updates/list-updates";
import { BackLink } from "@/app/admin/_components/back-link";
import { UpdateForm } from "../../_components/update-form";

export const metadata: Metadata = { title: "Edit shop update" };

export default async function EditUpdatePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const reader = await db();
  const [update, options] = await Promise.all([getUpdate(reader, id), listColourwayOptions(reader)]);
  if (!update) notFound();
  const isEditable = update.state !== "closed" && update.state !== "cancelled";
  return (
    <div className="space-y-6">
      <BackLink href={`/admin/updates/${id}`}>← {update.name}</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Edit {update.name}</h1>
      {isEditable ? <UpdateForm initial={update} options={options} /> : <p className="text-stone-700">This update is {update.state}: it can no longer be edited.</p>}
    </div>
  );
}
