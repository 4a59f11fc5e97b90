// npm run email:preview – renders the shop emails with demo data into DATA_DIR/mail-preview/ (HTML and text) to look at in a browser.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import { absoluteEmailImageUrl, type EmailBranding } from "@/lib/email/email-branding";
import type { OrderConfirmationProps } from "@/lib/email/order-confirmation";
import { renderDailyDigest } from "@/lib/email/daily-digest";
import { renderOrderCancelledProps, type OrderCancelledProps } from "@/lib/email/order-cancelled";
import { renderOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { renderRefundIssuedProps, type RefundIssuedProps } from "@/lib/email/refund-issued";
import type { RenderedEmail } from "@/lib/email/render-email";
import { renderOwnerAlertWith } from "@/lib/email/owner-alert";
import { renderShippingConfirmationProps } from "@/lib/email/shipping-confirmation";
import { trackingUrlFor } from "@/lib/email/tracking-url";
import { DEFAULT_SETTINGS } from "@/lib/settings";

const address = { name: "Ada Lovelace", line1: "1 Mill Lane", line2: "Heptonstall", city: "Hebden Bridge", region: "West Yorkshire", postalCode: "HX7 8AB", country: "GB" };
const orderUrl = new URL("/order/HD-1042?token=demo-token", env().APP_URL).toString();
const items = [
  { productName: "Moorland Merino", variantName: "Heather / 4ply", quantity: 2, lineTotal: 3600 },
  { productName: "Alpaca Fingering", variantName: "Charcoal", quantity: 1, lineTotal: 1450 },
];

/** What an owner sets in Settings (a logo, the legal details), shown around every email. */
const branding: EmailBranding = {
  storeName: DEFAULT_SETTINGS.storeName,
  supportEmail: DEFAULT_SETTINGS.supportEmail,
  logoUrl: absoluteEmailImageUrl("/images/yarn/moss.svg"),
  trader: { name: "Hedgerow Dye Works Ltd", addressLines: ["Unit 4, Mill Yard", "Hebden Bridge", "HX7 8AD"], companyNumber: "01234567", vatNumber: "GB123456789" },
};

const confirmation: OrderConfirmationProps = {
  ...branding,
  orderNumber: "HD-1042",
  orderUrl,
  customerName: address.name,
  currency: "GBP",
  items,
  subtotal: 5050,
  discountTotal: 505,
  discountCode: "WELCOME10",
  shippingTotal: 395,
  shippingMethod: "Royal Mail Tracked 48",
  total: 4940,
  shippingAddress: address,
  needsAttention: false,
};

const cancellation: OrderCancelledProps = {
  ...branding,
  orderNumber: "HD-1042",
  orderUrl,
  customerName: address.name,
  currency: "GBP",
  items,
  total: 4940,
  money: { kind: "refunded", refunded: 4940, outstanding: 0 },
};

const adminUrl = (adminPath: string) => new URL(adminPath, env().APP_URL).toString();
/** The owner's own emails read the settings' branding; the preview's owner has set a logo and trader details. */
const ownerSettings = {
  ...DEFAULT_SETTINGS,
  logoUrl: "/images/yarn/moss.svg",
  traderName: "Hedgerow Dye Works Ltd",
  traderAddress: "Unit 4, Mill Yard\nHebden Bridge\nHX7 8AD",
  traderCompanyNumber: "01234567",
  traderVatNumber: "GB123456789",
};

const refund: RefundIssuedProps = {
  ...branding,
  orderNumber: "HD-1042",
  orderUrl,
  customerName: address.name,
  currency: "GBP",
  amount: 1850,
  covers: { kind: "lines", lines: [{ productName: items[0]!.productName, variantName: items[0]!.variantName, quantity: 1 }] },
  reason: "requested_by_customer",
};

const previews: Record<string, Promise<RenderedEmail>> = {
  "order-confirmation": renderOrderConfirmation(confirmation),
  "order-confirmation-on-hold": renderOrderConfirmation({ ...confirmation, needsAttention: true }),
  "shipping-confirmation": renderShippingConfirmationProps({
    ...branding,
    orderNumber: "HD-1042",
    orderUrl,
    customerName: address.name,
    carrier: "Royal Mail",
    trackingNumber: "AB123456789GB",
    trackingUrl: trackingUrlFor("Royal Mail", "AB123456789GB"),
    items,
    shippingAddress: address,
  }),
  "order-cancelled-refunded": renderOrderCancelledProps(cancellation),
  "order-cancelled-refund-to-follow": renderOrderCancelledProps({ ...cancellation, money: { kind: "to_follow", paid: 4940 } }),
  "order-cancelled-unpaid": renderOrderCancelledProps({ ...cancellation, money: { kind: "nothing_charged" } }),
  "owner-alert-order-on-hold": renderOwnerAlertWith(ownerSettings, {
    subject: "HD-1042 is on hold",
    heading: "HD-1042 is paid and waiting for you",
    paragraphs: ["£49.40 was paid for HD-1042.", "It is on hold until you look at it: not enough stock.", "Release it to fulfil it, or cancel and refund it from the order page."],
    action: { label: "Open the order", url: adminUrl("/admin/orders/42") },
  }),
  "daily-digest": renderDailyDigest(ownerSettings, {
    day: "2026-12-06",
    lowStockThreshold: DEFAULT_SETTINGS.lowStockThreshold,
    lowStock: [
      { productName: "Moorland Merino", variantName: "Heather / 4ply", sku: "MM-HEA-4", available: 0 },
      { productName: "Alpaca Fingering", variantName: "Charcoal", sku: "AF-CHA", available: 3 },
    ],
    lowStockUrl: adminUrl("/admin/inventory?stock=low"),
    waiting: [
      { label: "Orders on hold", count: 2, url: adminUrl("/admin/orders?status=on_hold") },
      { label: "Open disputes", count: 1, url: adminUrl("/admin/orders?status=on_hold") },
      { label: "Emails that failed this week", count: 0, url: adminUrl("/admin/emails?status=failed") },
    ],
  }),
  "refund-issued-lines": renderRefundIssuedProps(refund),
  "refund-issued-shipping": renderRefundIssuedProps({ ...refund, amount: 395, covers: { kind: "shipping" }, reason: null }),
  "refund-issued-part": renderRefundIssuedProps({ ...refund, amount: 500, covers: { kind: "part_of_order" }, reason: "other" }),
};

const folder = path.resolve(env().DATA_DIR, "mail-preview");
mkdirSync(folder, { recursive: true });
for (const [name, rendering] of Object.entries(previews)) {
  const email = await rendering;
  writeFileSync(path.join(folder, `${name}.html`), email.html);
  writeFileSync(path.join(folder, `${name}.txt`), `Subject: ${email.subject}\n\n${email.text}\n`);
  console.log(`wrote ${path.relative(process.cwd(), path.join(folder, `${name}.html`))} (and .txt) – ${email.subject}`);
}
