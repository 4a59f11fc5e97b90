// /admin/emails/[id] – one email: its delivery state and history, the rendered HTML in a sandboxed frame as tall as the message, and the text part.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { canCallAdminApi } from "@/lib/auth/staff-permissions";
import { db } from "@/lib/db";
import { getEmailOrThrow } from "@/lib/email/list-emails";
import { emailKindLabel } from "@/lib/email/queue-email";
import { AppError } from "@/lib/app-error";
import { formatDateTime } from "../../_components/format";
import { EmailFrame } from "../_components/email-frame";
import { EmailStatusBadge } from "../_components/email-status-badge";
import { RetryEmailButton } from "../_components/retry-email-button";
import { BackLink } from "@/app/admin/_components/back-link";

export const metadata: Metadata = { title: "Email" };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-stone-600">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

async function loadEmail(id: number) {
  try {
    return await getEmailOrThrow(await db(), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function AdminEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin({ role: "staff" });
  const canRetry = canCallAdminApi(admin.role, "/api/admin/emails/[id]/retry", "POST");
  await connection();
  const { id: idText } = await params;
  const id = Number(idText);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const email = await loadEmail(id);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, STORE_TIME_ZONE) : "–");

  return (
    <div className="space-y-6">
      <BackLink href="/admin/emails">All emails</BackLink>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 break-words font-serif text-2xl font-semibold text-brand-900">{email.subject}</h1>
        <EmailStatusBadge status={email.status} isSending={email.isSending} />
      </div>

      <dl className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2">
        <Fact label="To">{email.toAddress}</Fact>
        <Fact label="Kind">{emailKindLabel(email.kind)}</Fact>
        <Fact label="Order">
          {email.orderId !== null && email.orderNumber ? (
            <Link href={`/admin/orders/${email.orderId}`} className="text-brand-700 underline underline-offset-2">
              {email.orderNumber}
            </Link>
          ) : (
            "–"
          )}
        </Fact>
        <Fact label="Attempts">{email.attempts}</Fact>
        <Fact label="Queued">{when(email.createdAt)}</Fact>
        <Fact label={email.status === "sent" ? "Sent" : email.status === "failed" ? "Gave up" : email.isSending ? "Being sent since" : "Next attempt"}>
          {email.status === "sent" ? when(email.sentAt) : email.status === "failed" ? when(email.updatedAt) : email.isSending ? when(email.claimedAt) : when(email.nextAttemptAt)}
        </Fact>
        <Fact label="Provider message id">{email.providerMessageId ?? "–"}</Fact>
        <Fact label="Idempotency key">{email.idempotencyKey}</Fact>
        {email.lastError ? (
          <div className="min-w-0 sm:col-span-2">
            <dt className="text-stone-600">{email.status === "sent" ? "Error before it went through" : "Last error"}</dt>
            <dd className={`break-words ${email.status === "sent" ? "" : "text-red-700"}`}>{email.lastError}</dd>
          </div>
        ) : null}
      </dl>

      {email.status === "failed" && canRetry ? <RetryEmailButton emailId={email.id} recipient={email.toAddress} /> : null}

      <section aria-labelledby="html-heading" className="space-y-2">
        <h2 id="html-heading" className="font-semibold">
          As the customer sees it
        </h2>
        <EmailFrame title={`Rendered email: ${email.subject}`} html={email.html} />
      </section>

      <section aria-labelledby="text-heading" className="space-y-2">
        <h2 id="text-heading" className="font-semibold">
          Plain-text part
        </h2>
        <pre tabIndex={0} className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-stone-200 bg-white p-4 font-mono text-sm" data-testid="email-text">
          {email.text}
        </pre>
      </section>
    </div>
  );
}
