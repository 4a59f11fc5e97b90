// The order's disputes near the top of its admin page: status, amount, reason, evidence deadline, and where to answer.
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/money";
import { DISPUTE_STATUS_LABELS, formatDisputeDate } from "@/lib/orders/dispute-statuses";
import { listOrderDisputes, type OrderDispute } from "@/lib/orders/order-disputes";

function whatItMeans(dispute: OrderDispute): string {
  const amount = formatMoney(dispute.amount, dispute.currency);
  if (dispute.status === "lost") return `Lost: the bank took back ${amount}. Do not ship this order.`;
  if (dispute.status === "won") return "Won: the money stays with the shop, and the dispute no longer holds the order.";
  if (!dispute.isHolding) return "Closed in the shop's favour: the dispute no longer holds the order.";
  const due = dispute.evidenceDueBy ? ` by ${formatDisputeDate(dispute.evidenceDueBy)}` : "";
  return `The order is held and cannot be shipped while the dispute is open. Send your evidence in Stripe's dashboard${due}.`;
}

export async function DisputePanel({ orderId }: { orderId: number }) {
  const orderDisputes = await listOrderDisputes(await db(), orderId);
  if (orderDisputes.length === 0) return null;
  return (
    <section
      aria-labelledby="disputes-heading"
      className={`rounded-lg border p-4 text-sm ${orderDisputes.some((dispute) => dispute.isHolding) ? "border-red-300 bg-red-50 text-red-950" : "border-stone-200 bg-white"}`}
    >
      <h2 id="disputes-heading" className="font-semibold">
        {orderDisputes.length === 1 ? "Payment dispute" : "Payment disputes"}
      </h2>
      <ul className="mt-2 space-y-3">
        {orderDisputes.map((dispute) => (
          <li key={dispute.id}>
            <p>{whatItMeans(dispute)}</p>
            <dl className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
              <div>
                <dt className="font-medium">Status</dt>
                <dd>{DISPUTE_STATUS_LABELS[dispute.status]}</dd>
              </div>
              <div>
                <dt className="font-medium">Amount</dt>
                <dd>{formatMoney(dispute.amount, dispute.currency)}</dd>
              </div>
              <div>
                <dt className="font-medium">Reason</dt>
                <dd>{dispute.reason.replaceAll("_", " ")}</dd>
              </div>
              <div>
                <dt className="font-medium">Evidence due</dt>
                <dd>{dispute.evidenceDueBy ? formatDisputeDate(dispute.evidenceDueBy) : "No response possible"}</dd>
              </div>
            </dl>
            <a
              href={dispute.dashboardUrl}
              target="_blank"
              rel="noreferrer"
              className="mt-2 inline-block rounded font-medium text-brand-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
            >
              Open dispute {dispute.providerDisputeId} in Stripe&apos;s dashboard
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
