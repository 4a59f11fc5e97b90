// The owner's bulk stock adjustment: many variants incremented, decremented or set in one
// transaction, refused whole if any variant moved since the owner looked or would go below zero.
import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { writeTransaction } from "@/lib/db";
import { ADJUSTMENT_REASONS, products, productVariants } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/app-error";
import { adjustStock } from "./stock";
import { BULK_MODES, stockAfter } from "./stock-after";

/** One request adjusts at most this many variants (one transaction must stay short). */
export const MAX_BULK_ITEMS = 1000;
const MAX_UNITS = 1_000_000;

const units = z.number().int("Use a whole number of units.").min(0, "Use zero or more units.").max(MAX_UNITS);

export const bulkAdjustInput = z
  .object({
    mode: z.enum(BULK_MODES),
    /** Units for every item; an item's own `quantity` (a CSV count) takes its place. */
    quantity: units.optional(),
    reason: z.enum(ADJUSTMENT_REASONS),
    note: z.string().trim().max(500).optional(),
    items: z
      .array(z.object({ variantId: z.number().int().positive(), expectedStock: z.number().int().min(0), quantity: units.optional() }))
      .min(1, "Choose at least one variant.")
      .max(MAX_BULK_ITEMS, `Adjust at most ${MAX_BULK_ITEMS} variants at once.`),
  })
  .superRefine((input, context) => {
    if (input.quantity === undefined && input.items.some((item) => item.quantity === undefined)) {
      context.addIssue({ code: "custom", path: ["quantity"], message: "Enter a quantity." });
    }
    const seen = new Set<number>();
    for (const [index, item] of input.items.entries()) {
      if (seen.has(item.variantId)) context.addIssue({ code: "custom", path: ["items", index, "variantId"], message: "A variant is listed twice." });
      seen.add(item.variantId);
    }
  });
export type BulkAdjustInput = z.infer<typeof bulkAdjustInput>;

export type AppliedChange = {
  variantId: number;
  sku: string;
  productName: string;
  variantName: string;
  delta: number;
  stockBefore: number;
  stockAfter: number;
};

export type BulkAdjustResult = {
  /** Shared by every ledger row of the batch (`inventory_adjustments.reference`). */
  batch: string;
  changes: AppliedChange[];
  /** Variants the batch left as they were (set to the stock they had, or a change of zero). */
  unchangedVariantIds: number[];
};

/**
 * Checks everything before moving anything: unknown variants (404), stale expectations
 * (`stale_stock`, naming each variant that moved and its stock now), results below zero
 * (`insufficient_stock`). Then one ledger row per change, all with the batch reference, and one
 * audit row. The conditional updates in adjustStock() guard again, so a throw anywhere rolls back
 * the caller's transaction and nothing of the batch is written.
 */
export async function bulkAdjustStock(input: BulkAdjustInput, actor: string): Promise<BulkAdjustResult> {
  return writeTransaction(async (tx) => {
    const ids = input.items.map((item) => item.variantId);
    const current = await tx
      .select({
        variantId: productVariants.id,
        sku: productVariants.sku,
        variantName: productVariants.name,
        productName: products.name,
        stock: productVariants.stock,
      })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(inArray(productVariants.id, ids));
    const byId = new Map(current.map((row) => [row.variantId, row]));

    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError("not_found", "Some variants no longer exist.", { variantIds: missing });

    const moved = input.items
      .map((item) => ({ item, variant: byId.get(item.variantId)! }))
      .filter(({ item, variant }) => variant.stock !== item.expectedStock)
      .map(({ item, variant }) => ({
        variantId: item.variantId,
        sku: variant.sku,
        productName: variant.productName,
        variantName: variant.variantName,
        expectedStock: item.expectedStock,
        currentStock: variant.stock,
      }));
    if (moved.length > 0) {
      throw new AppError("stale_stock", "Stock changed since you looked; nothing was adjusted. Review the new numbers.", { variants: moved });
    }

    const plan = input.items.map((item) => {
      const variant = byId.get(item.variantId)!;
      const after = stockAfter(input.mode, variant.stock, item.quantity ?? input.quantity!);
      return { variant, before: variant.stock, after };
    });
    const short = plan.filter((step) => step.after < 0);
    if (short.length > 0) {
      throw new AppError(
        "insufficient_stock",
        "Some variants do not have that many units to take; nothing was adjusted.",
        short.map(({ variant, before, after }) => ({ variantId: variant.variantId, sku: variant.sku, requested: before - after, available: before })),
      );
    }

    const batch = `bulk:${randomUUID()}`;
    const changes: AppliedChange[] = [];
    const unchangedVariantIds: number[] = [];
    for (const { variant, before, after } of plan) {
      if (after === before) {
        unchangedVariantIds.push(variant.variantId);
        continue;
      }
      const move = await adjustStock(tx, {
        variantId: variant.variantId,
        delta: after - before,
        expectedStock: before,
        reason: input.reason,
        reference: batch,
        actor,
        note: input.note || null,
      });
      changes.push({ ...move, sku: variant.sku, productName: variant.productName, variantName: variant.variantName });
    }
    await recordAudit(tx, {
      actor,
      action: "inventory.bulk_adjusted",
      entityType: "inventory_batch",
      entityId: batch,
      data: { mode: input.mode, quantity: input.quantity ?? null, reason: input.reason, note: input.note ?? null, changed: changes.length, unchanged: unchangedVariantIds.length },
    });
    return { batch, changes, unchangedVariantIds };
  });
}
