// /admin/updates/new – schedule a shop update.
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { listColourwayOptions } from "@/lib/updates/colourway-options";
import { BackLink } from "@/app/admin/_components/back-link";
import { UpdateForm } from "../_components/update-form";

export const metadata: Metadata = { title: "Schedule a shop update" };

export default async function NewUpdatePage() {
  await requireAdmin();
  const options = await listColourwayOptions(await db());
  return (
    <div className="space-y-6">
      <BackLink href="/admin/updates">← Shop updates</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">Schedule a shop update</h1>
      <UpdateForm options={options} />
    </div>
  );
}
