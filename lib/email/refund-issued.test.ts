import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { emailBrandingOf } from "./email-branding";
import { refundCoversOf, renderRefundIssuedProps, type RefundIssuedProps } from "./refund-issued";

const order = { total: 3995, shippingTotal: 395 };
const items = [{ id: 7, productName: "Moorland Merino", variantName: "Heather / 4ply" }];

describe("what a refund email says it covers", () => {
  it("the owner's lines with quantities, the shipping, the whole order, or part of it", () => {
    expect(refundCoversOf(order, { amount: 1800, reason: null, lines: [{ orderItemId: 7, quantity: 1, restock: true }] }, items)).toEqual({
      kind: "lines",
      lines: [{ productName: "Moorland Merino", variantName: "Heather / 4ply", quantity: 1 }],
    });
    expect(refundCoversOf(order, { amount: 395, reason: null, lines: [] }, items)).toEqual({ kind: "shipping" });
    expect(refundCoversOf(order, { amount: 3995, reason: null, lines: [] }, items)).toEqual({ kind: "whole_order" });
    expect(refundCoversOf(order, { amount: 500, reason: null, lines: [] }, items)).toEqual({ kind: "part_of_order" });
  });

  it("renders the amount, the lines, the reason unless it is Other, and when it reaches the card", async () => {
    const props: RefundIssuedProps = {
      ...emailBrandingOf(DEFAULT_SETTINGS),
      orderNumber: "HD-1042",
      orderUrl: "http://localhost:3000/order/HD-1042?token=t",
      customerName: "Ada Lovelace",
      currency: "GBP",
      amount: 1800,
      covers: { kind: "lines", lines: [{ productName: "Moorland Merino", variantName: "Heather / 4ply", quantity: 1 }] },
      reason: "fraudulent",
    };
    const email = await renderRefundIssuedProps(props);
    expect(email.subject).toContain("£18.00 refunded for order HD-1042");
    expect(email.text).toContain("1 × Moorland Merino – Heather / 4ply");
    expect(email.text).toContain("not made by the card holder");
    expect(email.text).toContain("5–10 working days");
    expect(email.html).toContain('name="viewport"');
    const other = await renderRefundIssuedProps({ ...props, reason: "other", covers: { kind: "shipping" } });
    expect(other.text).toContain("covers the shipping charge");
    expect(other.text).not.toMatch(/asked us|charged more than once|card holder/);
  });
});
