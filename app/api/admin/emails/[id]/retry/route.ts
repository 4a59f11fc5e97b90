// POST /api/admin/emails/[id]/retry – make a failed email due again with a fresh set of attempts, and send it after the response
import { NextResponse } from "next/server";
import { z } from "zod";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { retryFailedEmail } from "@/lib/email-delivery/retry-failed-email";
import { adminRoute } from "@/lib/http/admin-route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const retryParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const POST = adminRoute<{ id: string }>(async ({ params, admin }) => {
  const { id } = retryParams.parse(params);
  const email = await retryFailedEmail({ id, actor: admin.actor });
  drainAfterResponse();
  return NextResponse.json({ email: { id: email.id, status: "pending" } });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
