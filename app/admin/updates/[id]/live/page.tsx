// /admin/updates/[id]/live – the owner's view during an update: sales, holds, sell-outs and refusals, refreshing itself.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getUpdate } from "@/lib/updates/list-updates";
import { getUpdateLiveView } from "@/lib/updates/update-live-view";
import { BackLink } from "@/app/admin/_components/back-link";
import { LiveView } from "./_components/live-view";

export const metadata: Metadata = { title: "Live view" };

export default async function UpdateLivePage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const reader = await db();
  if (!(await getUpdate(reader, id))) notFound();
  const view = await getUpdateLiveView(reader, id);
  return (
    <div className="space-y-6">
      <BackLink href={`/admin/updates/${id}`}>← {view.update.name}</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Live view: {view.update.name}</h1>
      <LiveView initial={view} />
    </div>
  );
}
