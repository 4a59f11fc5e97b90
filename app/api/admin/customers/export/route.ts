// GET /api/admin/customers/export[?consent=1] – customers CSV (only those who agreed to marketing with consent=1), streamed
import { z } from "zod";
import { customersExportFileName, exportCustomersCsv } from "@/lib/customers/export-customers";
import { db } from "@/lib/db";
import { attachmentDisposition } from "@/lib/exports/csv";
import { adminRoute } from "@/lib/http/admin-route";
import { parseQuery } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const exportQuery = z.object({ consent: z.enum(["0", "1"]).optional() });

export const GET = adminRoute(async ({ request }) => {
  const isConsentOnly = parseQuery(request, exportQuery).consent === "1";
  return new Response(exportCustomersCsv(await db(), { isConsentOnly }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(customersExportFileName(isConsentOnly)),
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
