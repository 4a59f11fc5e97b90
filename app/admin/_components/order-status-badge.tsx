// An order's state as a small coloured label (the colour repeats the text, never replaces it).
import type { OrderStatus } from "@/lib/db/schema";
import { ORDER_STATUS_LABELS } from "./format";

const TONES: Record<OrderStatus, string> = {
  pending: "bg-stone-100 text-stone-700",
  processing: "bg-sky-100 text-sky-900",
  shipped: "bg-brand-100 text-brand-900",
  delivered: "bg-brand-100 text-brand-900",
  on_hold: "bg-amber-100 text-amber-900",
  cancelled: "bg-stone-200 text-stone-700",
  refunded: "bg-stone-200 text-stone-700",
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>
      {ORDER_STATUS_LABELS[status]}
    </span>
  );
}
