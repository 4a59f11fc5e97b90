// Test data for the admin's order and customer tools: paid orders with items, customers, addresses and the stock they took.
import { randomBytes } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import {
  addresses,
  customers,
  inventoryAdjustments,
  orderItems,
  orders,
  productVariants,
  products,
  type OrderStatus,
  type PaymentStatus,
  type PostalAddress,
} from "@/lib/db/schema";
import { decrementStock } from "@/lib/inventory/stock";
import { allocateOrderNumber } from "@/lib/orders/order-number";
import { recordOrderEvent } from "@/lib/orders/order-events";

const hex = (bytes = 4) => randomBytes(bytes).toString("hex");

export type StockedVariant = { variantId: number; productName: string; variantName: string; sku: string; price: number };

/** An active product with one variant, its initial stock written with a ledger row. */
export async function createStockedVariant(options: { stock?: number; price?: number; productName?: string; variantName?: string } = {}): Promise<StockedVariant> {
  const id = hex();
  const stock = options.stock ?? 20;
  const productName = options.productName ?? `Moorland Merino ${id}`;
  const variantName = options.variantName ?? "Heather / 4ply";
  const price = options.price ?? 1800;
  return writeTransaction(async (tx) => {
    const [product] = await tx.insert(products).values({ slug: `p-${id}`, name: productName, status: "active" }).returning();
    const [variant] = await tx.insert(productVariants).values({ productId: product!.id, sku: `SKU-${id}`, name: variantName, price, stock }).returning();
    if (stock > 0) await tx.insert(inventoryAdjustments).values({ variantId: variant!.id, delta: stock, stockBefore: 0, stockAfter: stock, reason: "initial" });
    return { variantId: variant!.id, productName, variantName, sku: variant!.sku, price };
  });
}

export type CustomerSpec = { email?: string; name?: string; acceptsMarketing?: boolean; phone?: string; address?: Partial<PostalAddress> };

export async function createCustomer(spec: CustomerSpec = {}) {
  const email = (spec.email ?? `shopper-${hex()}@example.com`).toLowerCase();
  const name = spec.name ?? "Ada Lovelace";
  return writeTransaction(async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ email, name, acceptsMarketing: spec.acceptsMarketing ?? false, marketingConsentAt: spec.acceptsMarketing ? new Date().toISOString() : null })
      .returning();
    await tx.insert(addresses).values({
      customerId: customer!.id,
      name,
      line1: spec.address?.line1 ?? "12 Mill Lane",
      city: spec.address?.city ?? "Hebden Bridge",
      postalCode: spec.address?.postalCode ?? "HX7 8AB",
      country: spec.address?.country ?? "GB",
      phone: spec.phone ?? "+44 7700 900123",
      isDefault: true,
    });
    return customer!;
  });
}

export type OrderSpec = {
  customer?: { id: number; email: string; name: string } | null;
  email?: string;
  name?: string;
  lines?: { variant: StockedVariant; quantity: number }[];
  status?: OrderStatus;
  paymentStatus?: PaymentStatus;
  amountRefunded?: number;
  shippingTotal?: number;
  discountTotal?: number;
  discountCode?: string | null;
  createdAt?: string;
  /** Take the lines' units from stock with `order` ledger rows, as a paid order does (default true when paid). */
  takeStock?: boolean;
  flags?: string[];
  country?: string;
  paymentIntentId?: string | null;
  /** The checkout the order came from (its stock reservations are what a pending order holds). */
  checkoutId?: string;
};

export type CreatedOrder = typeof orders.$inferSelect;

/** An order as the payment webhook leaves it: items, stock taken with ledger rows, a `created` event. */
export async function createAdminOrder(spec: OrderSpec = {}): Promise<CreatedOrder> {
  const lines = spec.lines ?? [{ variant: await createStockedVariant(), quantity: 2 }];
  const paymentStatus = spec.paymentStatus ?? "paid";
  const status = spec.status ?? (paymentStatus === "pending" ? "pending" : "processing");
  const subtotal = lines.reduce((sum, line) => sum + line.variant.price * line.quantity, 0);
  const shippingTotal = spec.shippingTotal ?? 395;
  const discountTotal = spec.discountTotal ?? 0;
  const email = (spec.customer?.email ?? spec.email ?? `buyer-${hex()}@example.com`).toLowerCase();
  const name = spec.customer?.name ?? spec.name ?? "Grace Hopper";
  const country = spec.country ?? "GB";
  const address: PostalAddress = { name, line1: "3 Weavers Row", city: "Halifax", postalCode: "HX1 1AA", country };
  const takeStock = spec.takeStock ?? (paymentStatus !== "pending");
  return writeTransaction(async (tx) => {
    const { orderSeq, orderNumber } = await allocateOrderNumber(tx);
    const [order] = await tx
      .insert(orders)
      .values({
        orderSeq,
        orderNumber,
        email,
        customerId: spec.customer?.id ?? null,
        checkoutId: spec.checkoutId ?? null,
        status,
        paymentStatus,
        currency: "GBP",
        subtotal,
        shippingTotal,
        discountTotal,
        discountCode: spec.discountCode ?? null,
        total: subtotal + shippingTotal - discountTotal,
        amountRefunded: spec.amountRefunded ?? 0,
        chargeRefundedAmount: spec.amountRefunded ?? 0,
        shippingAddress: address,
        billingAddress: address,
        shippingCountry: country,
        shippingMethod: "Royal Mail Tracked 48",
        paymentProvider: "local",
        paymentSessionId: `cs_local_${hex(8)}`,
        paymentIntentId: spec.paymentIntentId === undefined ? `pi_local_${hex(8)}` : spec.paymentIntentId,
        flags: spec.flags ?? [],
        lookupToken: hex(16),
        paidAt: paymentStatus === "pending" ? null : (spec.createdAt ?? new Date().toISOString()),
        ...(spec.createdAt ? { createdAt: spec.createdAt, updatedAt: spec.createdAt } : {}),
      })
      .returning();
    await tx.insert(orderItems).values(
      lines.map((line) => ({
        orderId: order!.id,
        variantId: line.variant.variantId,
        productName: line.variant.productName,
        variantName: line.variant.variantName,
        sku: line.variant.sku,
        unitPrice: line.variant.price,
        quantity: line.quantity,
        lineTotal: line.variant.price * line.quantity,
      })),
    );
    if (takeStock) {
      for (const line of lines) await decrementStock(tx, { variantId: line.variant.variantId, quantity: line.quantity, reason: "order", reference: orderNumber, actor: "webhook" });
    }
    await recordOrderEvent(tx, { orderId: order!.id, type: "created", message: `Order ${orderNumber} created from checkout`, actor: "webhook" });
    return order!;
  });
}
