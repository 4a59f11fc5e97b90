// /admin/emails – every email the shop sent or is trying to send, newest first, with its delivery state.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Pagination } from "@/app/_components/pagination";
import { STORE_TIME_ZONE } from "@/lib/time";
import { requireAdmin } from "@/lib/auth/admin";
import { canCallAdminApi } from "@/lib/auth/staff-permissions";
import { db } from "@/lib/db";
import { EMAIL_STATUSES, type EmailStatus } from "@/lib/db/schema";
import { isEmailStatus, listEmails, type EmailSummary } from "@/lib/email/list-emails";
import { emailKindLabel } from "@/lib/email/queue-email";
import { formatDateTime } from "../_components/format";
import { EmailStatusBadge } from "./_components/email-status-badge";
import { RetryEmailButton } from "./_components/retry-email-button";

export const metadata: Metadata = { title: "Emails" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS_LABELS: Record<EmailStatus, string> = { pending: "Pending", sent: "Sent", failed: "Failed" };

function hrefFor(status: EmailStatus | null, page = 1): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/admin/emails?${text}` : "/admin/emails";
}

function DeliveryLine({ email, when }: { email: EmailSummary; when: (iso: string) => string }) {
  const attempts = `${email.attempts} ${email.attempts === 1 ? "attempt" : "attempts"}`;
  if (email.status === "sent") return <>Sent {email.sentAt ? when(email.sentAt) : ""} · {attempts}</>;
  if (email.status === "failed") return <>Gave up {when(email.updatedAt)} · {attempts}</>;
  if (email.isSending) return <>Being sent now · {attempts}</>;
  return <>{email.attempts === 0 ? "Due" : "Next try"} {when(email.nextAttemptAt)} · {attempts}</>;
}

export default async function AdminEmailsPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin({ role: "staff" });
  const canRetry = canCallAdminApi(admin.role, "/api/admin/emails/[id]/retry", "POST");
  await connection();
  const query = await searchParams;
  const status = isEmailStatus(query.status) ? query.status : null;
  const requestedPage = Number(typeof query.page === "string" ? query.page : 1);
  const { emails, total, page, pageCount, byStatus } = await listEmails(await db(), { page: requestedPage, status });
  const when = (iso: string) => formatDateTime(iso, STORE_TIME_ZONE);
  const allCount = EMAIL_STATUSES.reduce((sum, key) => sum + byStatus[key], 0);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Emails</h1>
        <p className="mt-1 text-sm text-stone-600">
          Every email the shop has queued, newest first. Failed sends are retried with growing pauses, up to eight attempts.
        </p>
      </div>

      <nav aria-label="Filter by status">
        <ul className="flex flex-wrap gap-2">
          {[null, ...EMAIL_STATUSES].map((option) => {
            const isCurrent = option === status;
            const count = option ? byStatus[option] : allCount;
            return (
              <li key={option ?? "all"}>
                <Link
                  href={hrefFor(option)}
                  aria-current={isCurrent ? "page" : undefined}
                  className={`inline-flex min-h-10 items-center rounded-full border px-3 text-sm font-medium ${
                    isCurrent ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white text-stone-800 hover:bg-brand-50"
                  }`}
                >
                  {option ? STATUS_LABELS[option] : "All"} ({count})
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {emails.length === 0 ? (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center">
          <p className="font-medium">{status ? `No ${STATUS_LABELS[status].toLowerCase()} emails.` : "No emails yet."}</p>
          <p className="mt-1 text-sm text-stone-600">Order and shipping confirmations appear here as soon as they are queued.</p>
        </div>
      ) : (
        <section aria-labelledby="emails-heading" className="rounded-lg border border-stone-200 bg-white">
          <h2 id="emails-heading" className="border-b border-stone-200 px-4 py-3 text-sm font-semibold">
            {total} {total === 1 ? "email" : "emails"}
            {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ""}
          </h2>
          <ul className="divide-y divide-stone-100" data-testid="email-list">
            {emails.map((email) => (
              <li key={email.id} className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-1 px-4 py-3" data-testid="email-row">
                <div className="min-w-0">
                  <Link href={`/admin/emails/${email.id}`} className="break-words font-medium text-brand-700 underline underline-offset-2">
                    {email.subject}
                  </Link>
                  <p className="break-words text-sm text-stone-600">
                    {emailKindLabel(email.kind)} to {email.toAddress}
                    {email.orderId !== null && email.orderNumber ? (
                      <>
                        {" · order "}
                        <Link href={`/admin/orders/${email.orderId}`} className="text-brand-700 underline underline-offset-2">
                          {email.orderNumber}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                <div className="text-right">
                  <EmailStatusBadge status={email.status} isSending={email.isSending} />
                </div>
                <p className="col-span-2 text-sm text-stone-600">
                  Queued {when(email.createdAt)} · <DeliveryLine email={email} when={when} />
                </p>
                {email.lastError && email.status !== "sent" ? (
                  <p className="col-span-2 break-words text-sm text-red-700">Last error: {email.lastError}</p>
                ) : null}
                {email.status === "failed" && canRetry ? (
                  <div className="col-span-2 mt-1">
                    <RetryEmailButton emailId={email.id} recipient={email.toAddress} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Pagination page={page} pageCount={pageCount} hrefFor={(target) => hrefFor(status, target)} />
    </div>
  );
}
