// The order cancelled email (React Email): which order, what was in it, and whether money is coming back.
import { Column, Heading, Hr, Link, Row, Section, Text } from "@react-email/components";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderItems, type PaymentStatus } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { orderPageUrl } from "@/lib/order-url";
import type { OrderRow } from "@/lib/orders/order-row";
import { getSettings } from "@/lib/settings";
import { emailBrandingOf, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { cellStyle, linkStyle, mutedStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";

/**
 * What happens to the shopper's money, from the order's payment as it stands when it is cancelled.
 * Whether stock went back is the shop's business, not the shopper's, so it is not here.
 */
export type CancellationMoney =
  | { kind: "nothing_charged" }
  /** Paid and nothing refunded yet: the owner decides and gets in touch. */
  | { kind: "to_follow"; paid: number }
  | { kind: "refunded"; refunded: number; outstanding: number };

export function cancellationMoneyOf(order: { paymentStatus: PaymentStatus; total: number; amountRefunded: number }): CancellationMoney {
  if (order.paymentStatus === "pending" || order.paymentStatus === "failed") return { kind: "nothing_charged" };
  if (order.amountRefunded === 0) return { kind: "to_follow", paid: order.total };
  return { kind: "refunded", refunded: order.amountRefunded, outstanding: Math.max(0, order.total - order.amountRefunded) };
}

/** Plain text, so it reads the same in the HTML and the text part. */
export function cancellationMoneyNotice(money: CancellationMoney, currency: string): string {
  const amount = (minor: number) => formatMoney(minor, currency);
  switch (money.kind) {
    case "nothing_charged":
      return "No payment was taken for this order, so nothing was charged.";
    case "to_follow":
      return `You paid ${amount(money.paid)}. We will be in touch with you about your refund.`;
    case "refunded": {
      const refunded = `We have refunded ${amount(money.refunded)} to the card you paid with. It reaches your card in 5–10 working days.`;
      return money.outstanding > 0 ? `${refunded} We will be in touch with you about the remaining ${amount(money.outstanding)}.` : refunded;
    }
  }
}

export type OrderCancelledProps = EmailBranding & {
  orderNumber: string;
  orderUrl: string;
  customerName: string | null;
  currency: string;
  items: { productName: string; variantName: string; quantity: number }[];
  total: number;
  money: CancellationMoney;
};

export function orderCancelledSubject(props: Pick<OrderCancelledProps, "storeName" | "orderNumber">): string {
  return `${props.storeName}: order ${props.orderNumber} has been cancelled`;
}

export function OrderCancelledEmail(props: OrderCancelledProps) {
  return (
    <EmailLayout branding={props} preview={`Your order ${props.orderNumber} has been cancelled`}>
      <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
        Your order has been cancelled{props.customerName ? `, ${props.customerName.split(" ")[0]}` : ""}
      </Heading>
      <Text style={mutedStyle}>
        We have cancelled order <strong>{props.orderNumber}</strong>. Nothing from it will be sent to you.
      </Text>

      <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
        What was cancelled
      </Heading>
      <Section>
        {props.items.map((item, index) => (
          <Row key={index}>
            <Column style={cellStyle}>{`${item.quantity} × ${item.productName} – ${item.variantName}`}</Column>
          </Row>
        ))}
      </Section>
      <Row>
        <Column style={{ ...cellStyle, fontWeight: 700 }}>Order total</Column>
        <Column style={{ ...cellStyle, fontWeight: 700, textAlign: "right", whiteSpace: "nowrap" }}>{formatMoney(props.total, props.currency)}</Column>
      </Row>
      <Hr />

      <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
        Your money
      </Heading>
      <Text style={{ fontSize: "15px" }}>{cancellationMoneyNotice(props.money, props.currency)}</Text>

      <Text style={{ fontSize: "15px" }}>
        <Link href={props.orderUrl} style={linkStyle}>View your order</Link>
      </Text>
    </EmailLayout>
  );
}

/** Renders outside any transaction, from the order as read through db (its items and the settings too). */
export async function renderOrderCancelled(db: DbOrTx, order: OrderRow): Promise<RenderedEmail> {
  const [items, settings] = await Promise.all([
    db
      .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(orderItems.id),
    getSettings(db),
  ]);
  return renderOrderCancelledProps({
    ...emailBrandingOf(settings),
    orderNumber: order.orderNumber,
    orderUrl: orderPageUrl(order),
    customerName: order.shippingAddress?.name ?? null,
    currency: order.currency,
    items,
    total: order.total,
    money: cancellationMoneyOf(order),
  });
}

export function renderOrderCancelledProps(props: OrderCancelledProps): Promise<RenderedEmail> {
  return renderEmail(orderCancelledSubject(props), <OrderCancelledEmail {...props} />);
}
