// Test factory for discount codes.
import { randomBytes } from "node:crypto";
import { writeTransaction } from "@/lib/db";
import { discountCodes, type DiscountKind } from "@/lib/db/schema";

export type DiscountSpec = {
  /** Any case; stored upper-cased as the shop stores codes. A unique SAVE… code by default. */
  code?: string;
  kind?: DiscountKind;
  /** Percent for `percent` (10 by default), minor units for `fixed`. */
  value?: number;
  minimumSubtotal?: number;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  uses?: number;
  isActive?: boolean;
};

export async function createDiscountCode(spec: DiscountSpec = {}) {
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(discountCodes)
      .values({
        code: (spec.code ?? `SAVE${randomBytes(4).toString("hex")}`).toUpperCase(),
        kind: spec.kind ?? "percent",
        value: spec.value ?? 10,
        minimumSubtotal: spec.minimumSubtotal ?? 0,
        startsAt: spec.startsAt ?? null,
        endsAt: spec.endsAt ?? null,
        usageLimit: spec.usageLimit ?? null,
        uses: spec.uses ?? 0,
        isActive: spec.isActive ?? true,
      })
      .returning();
    return row!;
  });
}
