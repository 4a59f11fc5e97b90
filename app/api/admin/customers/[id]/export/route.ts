// GET /api/admin/customers/[id]/export – GDPR access: one JSON download of everything held about this person
import { buildCustomerDataExport, customerDataExportFileName } from "@/lib/customers/customer-data-export";
import { db } from "@/lib/db";
import { attachmentDisposition } from "@/lib/exports/csv";
import { adminRoute } from "@/lib/http/admin-route";
import { parseIdParam } from "@/lib/http/id-param";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute<{ id: string }>(async ({ params }) => {
  const customerId = parseIdParam(params);
  const data = await buildCustomerDataExport(await db(), customerId);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": attachmentDisposition(customerDataExportFileName(customerId)),
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
