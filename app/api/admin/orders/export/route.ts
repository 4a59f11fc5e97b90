// GET /api/admin/orders/export – orders CSV over London calendar days (both ends inclusive), streamed as it is read
import { z } from "zod";
import { db } from "@/lib/db";
import { attachmentDisposition } from "@/lib/exports/csv";
import { adminRoute } from "@/lib/http/admin-route";
import { parseQuery } from "@/lib/http/route";
import { exportOrdersCsv, ordersExportFileName } from "@/lib/orders/export-orders";
import { orderListFields } from "@/lib/orders/list-orders";
import { uncappedShopDayRange } from "@/lib/shop-day-input";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/**
 * The date range plus the list's current filters; `lines=1` gives one row per line item. The span is
 * not capped: the CSV streams in keyset pages, so every year at once costs time, not memory.
 */
const exportQuery = uncappedShopDayRange.and(
  orderListFields.pick({ q: true, status: true, payment: true, flag: true }).extend({ lines: z.enum(["0", "1"]).optional() }),
);

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, exportQuery);
  const body = exportOrdersCsv(await db(), { ...query, isPerLine: query.lines === "1" });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": attachmentDisposition(ordersExportFileName(query.from, query.to)),
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
