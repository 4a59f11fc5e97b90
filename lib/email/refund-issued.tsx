// The refund issued email (React Email): how much came back, what it covers, why, and when it reaches the card.
import { Column, Heading, Hr, Link, Row, Section, Text } from "@react-email/components";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderItems, type RefundLine, type RefundReason } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { orderPageUrl } from "@/lib/order-url";
import type { OrderRow } from "@/lib/orders/order-row";
import { getSettings } from "@/lib/settings";
import { emailBrandingOf, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { cellStyle, linkStyle, mutedStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";

/** What the money is for, in the shopper's terms. */
export type RefundCovers =
  | { kind: "lines"; lines: { productName: string; variantName: string; quantity: number }[] }
  | { kind: "shipping" }
  | { kind: "whole_order" }
  | { kind: "part_of_order" };

export type RefundIssuedProps = EmailBranding & {
  orderNumber: string;
  orderUrl: string;
  customerName: string | null;
  currency: string;
  amount: number;
  covers: RefundCovers;
  reason: RefundReason | null;
};

/** `other` is the owner's own words in a private note, so the shopper is not shown a reason for it. */
const REASON_SENTENCES: Partial<Record<RefundReason, string>> = {
  requested_by_customer: "You asked us for this refund.",
  duplicate: "You were charged more than once; this returns the extra payment.",
  fraudulent: "The payment was reported as not made by the card holder, so we have returned it.",
};

export function refundReasonSentence(reason: RefundReason | null): string | null {
  return reason ? (REASON_SENTENCES[reason] ?? null) : null;
}

export function refundIssuedSubject(props: Pick<RefundIssuedProps, "storeName" | "orderNumber" | "amount" | "currency">): string {
  return `${props.storeName}: ${formatMoney(props.amount, props.currency)} refunded for order ${props.orderNumber}`;
}

function coversSentence(covers: RefundCovers): string | null {
  switch (covers.kind) {
    case "lines":
      return null;
    case "shipping":
      return "This refund covers the shipping charge.";
    case "whole_order":
      return "This refund covers your whole order.";
    case "part_of_order":
      return "This refund covers part of your order.";
  }
}

export function RefundIssuedEmail(props: RefundIssuedProps) {
  const amount = formatMoney(props.amount, props.currency);
  const reason = refundReasonSentence(props.reason);
  const covers = coversSentence(props.covers);
  return (
    <EmailLayout branding={props} preview={`We have refunded ${amount} for order ${props.orderNumber}`}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
        We have refunded {amount}
        {props.customerName ? `, ${props.customerName.split(" ")[0]}` : ""}
      </Heading>
      <Text style={mutedStyle}>
        A refund of <strong>{amount}</strong> for order <strong>{props.orderNumber}</strong> is on its way to the card you paid with.
      </Text>

      {props.covers.kind === "lines" ? (
        <>
          <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
            What it covers
          </Heading>
          <Section>
            {props.covers.lines.map((line, index) => (
              <Row key={index}>
                <Column style={cellStyle}>{`${line.quantity} × ${line.productName} – ${line.variantName}`}</Column>
              </Row>
            ))}
          </Section>
        </>
      ) : (
        <Text style={{ fontSize: "15px" }}>{covers}</Text>
      )}
      {reason ? <Text style={{ fontSize: "15px" }}>{reason}</Text> : null}
      <Hr />
      <Text style={{ fontSize: "15px" }}>It reaches your card in 5–10 working days, depending on your bank.</Text>
      <Text style={{ fontSize: "15px" }}>
        <Link href={props.orderUrl} style={linkStyle}>
          View your order
        </Link>
      </Text>
    </EmailLayout>
  );
}

/** The refund as the email needs it: amount, reason and the lines the owner chose. */
export type IssuedRefund = { amount: number; reason: RefundReason | null; lines: readonly RefundLine[] };

/**
 * Without lines the amount alone says what it covers: the whole order when it is everything paid,
 * the shipping when it is exactly the shipping charge (the dialog's "Shipping only"), else a part.
 */
export function refundCoversOf(order: Pick<OrderRow, "total" | "shippingTotal">, refund: IssuedRefund, items: { id: number; productName: string; variantName: string }[]): RefundCovers {
  if (refund.lines.length > 0) {
    const byId = new Map(items.map((item) => [item.id, item]));
    return {
      kind: "lines",
      lines: refund.lines.flatMap((line) => {
        const item = byId.get(line.orderItemId);
        return item ? [{ productName: item.productName, variantName: item.variantName, quantity: line.quantity }] : [];
      }),
    };
  }
  if (refund.amount >= order.total) return { kind: "whole_order" };
  if (order.shippingTotal > 0 && refund.amount === order.shippingTotal) return { kind: "shipping" };
  return { kind: "part_of_order" };
}

/** Renders outside any transaction, from the order as read through db (its items and the settings too). */
export async function renderRefundIssued(db: DbOrTx, order: OrderRow, refund: IssuedRefund): Promise<RenderedEmail> {
  const [items, settings] = await Promise.all([
    db.select({ id: orderItems.id, productName: orderItems.productName, variantName: orderItems.variantName }).from(orderItems).where(eq(orderItems.orderId, order.id)),
    getSettings(db),
  ]);
  return renderRefundIssuedProps({
    ...emailBrandingOf(settings),
    orderNumber: order.orderNumber,
    orderUrl: orderPageUrl(order),
    customerName: order.shippingAddress?.name ?? null,
    currency: order.currency,
    amount: refund.amount,
    covers: refundCoversOf(order, refund, items),
    reason: refund.reason,
  });
}

export function renderRefundIssuedProps(props: RefundIssuedProps): Promise<RenderedEmail> {
  return renderEmail(refundIssuedSubject(props), <RefundIssuedEmail {...props} />);
}
