// The order confirmation email (React Email): what was bought, what was paid, where it goes, and the order link.
import { Column, Heading, Hr, Link, Row, Section, Text } from "@react-email/components";
import type { PostalAddress } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import type { EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { cellStyle, formatAddress, linkStyle, mutedStyle } from "./email-styles";

export type OrderConfirmationProps = EmailBranding & {
  orderNumber: string;
  orderUrl: string;
  customerName: string | null;
  currency: string;
  items: { productName: string; variantName: string; quantity: number; lineTotal: number }[];
  subtotal: number;
  discountTotal: number;
  discountCode: string | null;
  shippingTotal: number;
  shippingMethod: string | null;
  total: number;
  shippingAddress: PostalAddress | null;
  /** The order is on hold (a shortfall, a payment to check): tell the shopper we will be in touch. */
  needsAttention: boolean;
};

/** Shown when the order is on hold; plain text, so it reads the same in the HTML and the text part. */
export const ATTENTION_NOTICE = "We are checking something about your order and will be in touch shortly. There is nothing you need to do.";

export function orderConfirmationSubject(props: Pick<OrderConfirmationProps, "storeName" | "orderNumber">): string {
  return `${props.storeName}: order ${props.orderNumber} confirmed`;
}

const muted = mutedStyle;
const cell = cellStyle;

/** Tables, not flexbox: many mail clients ignore flex layout. */
function Line({ label, amount, strong = false }: { label: string; amount: string; strong?: boolean }) {
  const weight = strong ? 700 : 400;
  return (
    <Row>
      <Column style={{ ...cell, fontWeight: weight }}>{label}</Column>
      <Column style={{ ...cell, fontWeight: weight, textAlign: "right", whiteSpace: "nowrap" }}>{amount}</Column>
    </Row>
  );
}

export function OrderConfirmationEmail(props: OrderConfirmationProps) {
  const money = (minor: number) => formatMoney(minor, props.currency);
  const address = props.shippingAddress;
  return (
    <EmailLayout branding={props} preview={`Thank you for your order from ${props.storeName}`}>
          <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
            Thank you{props.customerName ? `, ${props.customerName.split(" ")[0]}` : ""}!
          </Heading>
          <Text style={muted}>
            We have received your payment for order <strong>{props.orderNumber}</strong>. We will email you again when it
            is on its way.
          </Text>
          {props.needsAttention ? (
            <Text style={{ ...muted, color: "#92400e" }}>{ATTENTION_NOTICE}</Text>
          ) : null}

          <Section>
            {props.items.map((item, index) => (
              <Line key={index} label={`${item.quantity} × ${item.productName} – ${item.variantName}`} amount={money(item.lineTotal)} />
            ))}
          </Section>
          <Hr />
          <Line label="Subtotal" amount={money(props.subtotal)} />
          {props.discountTotal > 0 ? (
            <Line label={props.discountCode ? `Discount (${props.discountCode})` : "Discount"} amount={`−${money(props.discountTotal)}`} />
          ) : null}
          <Line label={props.shippingMethod ? `Shipping (${props.shippingMethod})` : "Shipping"} amount={money(props.shippingTotal)} />
          <Line label="Total paid" amount={money(props.total)} strong />

          {address ? (
            <Section>
              <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
                Delivering to
              </Heading>
              <Text style={muted}>{formatAddress(address)}</Text>
            </Section>
          ) : null}

          <Text style={{ fontSize: "15px" }}>
            <Link href={props.orderUrl} style={linkStyle}>View your order and its delivery status</Link>
          </Text>
    </EmailLayout>
  );
}
