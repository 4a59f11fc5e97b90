// /admin/products – placeholder until the release that builds this section; refuses anyone but an admin.
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { adminSection } from "../_components/admin-sections";
import { ComingSoon } from "../_components/coming-soon";

export const metadata: Metadata = { title: "Products" };

export default async function AdminProductsPage() {
  await requireAdmin();
  return <ComingSoon section={adminSection("/admin/products")} />;
}
