// An email's delivery state as a small label: the words carry the meaning, the colour repeats it.
import type { EmailStatus } from "@/lib/db/schema";

const TONES = {
  pending: "bg-stone-100 text-stone-800",
  sending: "bg-sky-100 text-sky-900",
  sent: "bg-brand-100 text-brand-900",
  failed: "bg-red-100 text-red-900",
} as const;

const LABELS = { pending: "Pending", sending: "Sending", sent: "Sent", failed: "Failed" } as const;

export function EmailStatusBadge({ status, isSending }: { status: EmailStatus; isSending: boolean }) {
  const shown = isSending ? "sending" : status;
  return (
    <span data-testid="email-status" className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONES[shown]}`}>
      {LABELS[shown]}
    </span>
  );
}
