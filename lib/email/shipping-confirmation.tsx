// The shipping confirmation email (React Email): carrier, tracking number and link, what was shipped and where, and the order link.
import { Button, Column, Heading, Hr, Link, Row, Section, Text } from "@react-email/components";
import { asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderItems, orders, type PostalAddress } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { orderPageUrl } from "@/lib/order-url";
import { getSettings } from "@/lib/settings";
import { emailBrandingOf, type EmailBranding } from "./email-branding";
import { EmailLayout } from "./email-layout";
import { cellStyle, formatAddress, linkStyle, mutedStyle } from "./email-styles";
import { renderEmail, type RenderedEmail } from "./render-email";
import { trackingUrlFor } from "./tracking-url";

export type ShipmentDetails = { carrier: string; trackingNumber: string; trackingUrl: string | null };

export type ShippingConfirmationProps = EmailBranding & {
  orderNumber: string;
  /** One parcel per customer: the linked orders shipped in the same parcel, whose items are listed too. */
  alsoOrderNumbers?: string[];
  orderUrl: string;
  customerName: string | null;
  carrier: string;
  trackingNumber: string;
  /** The owner's link, else the carrier's built-in pattern, else none (the number alone). */
  trackingUrl: string | null;
  items: { productName: string; variantName: string; quantity: number }[];
  shippingAddress: PostalAddress | null;
};

/** "HD-1", "HD-1 and HD-2", "HD-1, HD-2 and HD-3". */
function listed(numbers: readonly string[]): string {
  return numbers.length <= 1 ? (numbers[0] ?? "") : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

const numbersOf = (props: Pick<ShippingConfirmationProps, "orderNumber" | "alsoOrderNumbers">) => [props.orderNumber, ...(props.alsoOrderNumbers ?? [])];

export function shippingConfirmationSubject(props: Pick<ShippingConfirmationProps, "storeName" | "orderNumber" | "alsoOrderNumbers">): string {
  const numbers = numbersOf(props);
  return numbers.length > 1 ? `${props.storeName}: orders ${listed(numbers)} are on their way` : `${props.storeName}: order ${props.orderNumber} is on its way`;
}

export function ShippingConfirmationEmail(props: ShippingConfirmationProps) {
  const address = props.shippingAddress;
  const numbers = numbersOf(props);
  const isCombined = numbers.length > 1;
  return (
    <EmailLayout
      branding={props}
      preview={isCombined ? `Your orders ${listed(numbers)} are on their way with ${props.carrier}` : `Your order ${props.orderNumber} is on its way with ${props.carrier}`}
    >
          <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
            Your order is on its way{props.customerName ? `, ${props.customerName.split(" ")[0]}` : ""}!
          </Heading>
          <Text style={mutedStyle}>
            {isCombined ? (
              <>
                Orders <strong>{listed(numbers)}</strong> have left us together, in one parcel, with {props.carrier}.
              </>
            ) : (
              <>
                Order <strong>{props.orderNumber}</strong> has left us with {props.carrier}.
              </>
            )}
          </Text>

          <Section style={{ backgroundColor: "#f7f5f2", borderRadius: "6px", padding: "12px 16px" }}>
            <Text style={{ ...cellStyle, margin: 0 }}>
              Carrier: <strong>{props.carrier}</strong>
            </Text>
            <Text style={{ ...cellStyle, margin: 0, wordBreak: "break-all" }}>
              Tracking number: <strong>{props.trackingNumber}</strong>
            </Text>
            {props.trackingUrl ? (
              <Button
                href={props.trackingUrl}
                style={{ backgroundColor: "#3f6212", color: "#ffffff", borderRadius: "6px", padding: "10px 16px", marginTop: "10px", fontSize: "15px" }}
              >
                Track your parcel
              </Button>
            ) : null}
          </Section>

          <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
            In this parcel
          </Heading>
          <Section>
            {props.items.map((item, index) => (
              <Row key={index}>
                <Column style={cellStyle}>{`${item.quantity} × ${item.productName} – ${item.variantName}`}</Column>
              </Row>
            ))}
          </Section>
          <Hr />

          {address ? (
            <Section>
              <Heading as="h2" style={{ fontSize: "16px", margin: "16px 0 4px" }}>
                Delivering to
              </Heading>
              <Text style={mutedStyle}>{formatAddress(address)}</Text>
            </Section>
          ) : null}

          <Text style={{ fontSize: "15px" }}>
            <Link href={props.orderUrl} style={linkStyle}>View your order and its delivery status</Link>
          </Text>
    </EmailLayout>
  );
}

/** Only an http(s) link goes into an email's href: anything else typed is ignored. */
function webUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Renders outside any transaction; reads the order, its items, address and the settings through db.
 * `alsoOrderIds`: linked orders going in the same parcel (one parcel per customer), whose items the
 * one email lists as well; the parcel goes to the first order's address.
 */
export async function renderShippingConfirmation(db: DbOrTx, orderId: number, shipment: ShipmentDetails, alsoOrderIds: readonly number[] = []): Promise<RenderedEmail> {
  const orderIds = [orderId, ...alsoOrderIds.filter((id) => id !== orderId)];
  const [[order], also, items, settings] = await Promise.all([
    db.select().from(orders).where(eq(orders.id, orderId)),
    orderIds.length > 1
      ? db.select({ orderNumber: orders.orderNumber }).from(orders).where(inArray(orders.id, orderIds.slice(1))).orderBy(asc(orders.id))
      : Promise.resolve([]),
    db
      .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity })
      .from(orderItems)
      .where(inArray(orderItems.orderId, orderIds))
      .orderBy(orderItems.id),
    getSettings(db),
  ]);
  if (!order) throw new AppError("not_found", "That order was not found.");
  const props: ShippingConfirmationProps = {
    ...emailBrandingOf(settings),
    orderNumber: order.orderNumber,
    alsoOrderNumbers: also.map((row) => row.orderNumber),
    orderUrl: orderPageUrl(order),
    customerName: order.shippingAddress?.name ?? null,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: webUrl(shipment.trackingUrl) ?? trackingUrlFor(shipment.carrier, shipment.trackingNumber),
    items,
    shippingAddress: order.shippingAddress,
  };
  return renderShippingConfirmationProps(props);
}

export function renderShippingConfirmationProps(props: ShippingConfirmationProps): Promise<RenderedEmail> {
  return renderEmail(shippingConfirmationSubject(props), <ShippingConfirmationEmail {...props} />);
}
