// The shipping confirmation email (React Email): the parcel is on its way, with the carrier and tracking link.
import { Body, Container, Head, Heading, Html, Link, Preview, Section, Text } from "@react-email/components";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { emailOutbox, orderItems, orders } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { recordOrderEvent } from "@/lib/orders/order-events";
import { orderPageUrl } from "@/lib/orders/order-url";
import { getSettings } from "@/lib/settings";
import { emailIdempotencyKey } from "./queue-email";
import { renderEmail, type RenderedEmail } from "./render-email";

export type ShipmentDetails = { carrier: string; trackingNumber: string; trackingUrl: string | null };

export type ShippingConfirmationProps = {
  storeName: string;
  orderNumber: string;
  orderUrl: string;
  customerName: string | null;
  items: { productName: string; variantName: string; quantity: number }[];
  shipment: ShipmentDetails;
};

const page = { backgroundColor: "#f7f5f2", fontFamily: "Georgia, 'Times New Roman', serif", color: "#292524" };
const card = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px", maxWidth: "560px", borderRadius: "8px" };
const muted = { color: "#57534e", fontSize: "14px", lineHeight: "20px" };

export function ShippingConfirmationEmail(props: ShippingConfirmationProps) {
  const { shipment } = props;
  return (
    <Html lang="en-GB">
      <Head />
      <Preview>{`Order ${props.orderNumber} is on its way`}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 8px" }}>
            Your order is on its way{props.customerName ? `, ${props.customerName.split(" ")[0]}` : ""}
          </Heading>
          <Text style={muted}>
            Order <strong>{props.orderNumber}</strong> has left us with {shipment.carrier}. Tracking number:{" "}
            <strong>{shipment.trackingNumber}</strong>.
          </Text>
          {shipment.trackingUrl ? (
            <Text style={{ fontSize: "15px" }}>
              <Link href={shipment.trackingUrl}>Track your parcel</Link>
            </Text>
          ) : null}
          <Section>
            {props.items.map((item, index) => (
              <Text key={index} style={{ fontSize: "15px", margin: "2px 0" }}>
                {`${item.quantity} × ${item.productName} – ${item.variantName}`}
              </Text>
            ))}
          </Section>
          <Text style={{ fontSize: "15px" }}>
            <Link href={props.orderUrl}>View your order</Link>
          </Text>
          <Text style={muted}>{props.storeName}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Reads what the email needs and renders it; call outside any write transaction. */
export async function renderShippingConfirmation(db: DbOrTx, orderId: number, shipment: ShipmentDetails): Promise<RenderedEmail> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AppError("not_found", "Order was not found.");
  const [items, settings] = await Promise.all([
    db
      .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.id)),
    getSettings(db),
  ]);
  return renderEmail(
    `${settings.storeName}: order ${order.orderNumber} is on its way`,
    <ShippingConfirmationEmail
      storeName={settings.storeName}
      orderNumber={order.orderNumber}
      orderUrl={orderPageUrl(order)}
      customerName={order.shippingAddress?.name ?? null}
      items={items}
      shipment={shipment}
    />,
  );
}

/**
 * Writes the rendered email to the outbox in the caller's transaction. One shipping confirmation per
 * order (a unique index on order and kind): a second call, after a corrected tracking number, is a
 * no-op that reports `queued: false`, so the shopper never gets two.
 */
export async function queueShippingConfirmation(
  tx: Tx,
  order: { id: number; email: string },
  email: RenderedEmail,
  actor: string,
): Promise<{ queued: boolean }> {
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      orderId: order.id,
      kind: "shipping_confirmation",
      toAddress: order.email,
      subject: email.subject,
      html: email.html,
      text: email.text,
      idempotencyKey: emailIdempotencyKey("shipping_confirmation", order.id),
    })
    .onConflictDoNothing()
    .returning({ id: emailOutbox.id });
  if (!row) return { queued: false };
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: "email_queued",
    message: `shipping confirmation email queued for ${order.email}.`,
    data: { kind: "shipping_confirmation", outboxId: row.id },
    actor,
  });
  return { queued: true };
}
