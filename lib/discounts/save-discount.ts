// The discount codes' writer for the admin: create, edit and deactivate, each with its audit row.
import { and, eq, ne } from "drizzle-orm";
import { writeTransaction, type Tx } from "@/lib/db";
import { isConstraintError } from "@/lib/db/errors";
import { discountCodes, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/app-error";
import type { DiscountInput } from "./discount-input";

export type DiscountRow = typeof discountCodes.$inferSelect;

const codeTaken = (code: string) =>
  new AppError("conflict", `The code ${code} is already in use.`, [{ path: "code", message: "Another discount already uses this code." }]);

async function assertCodeFree(tx: Tx, code: string, exceptId?: number): Promise<void> {
  const [clash] = await tx
    .select({ id: discountCodes.id })
    .from(discountCodes)
    .where(and(eq(discountCodes.code, code), exceptId === undefined ? undefined : ne(discountCodes.id, exceptId)));
  if (clash) throw codeTaken(code);
}

/** The UNIQUE index is the real guard; the lookup before it only makes the usual case a field error. */
async function guardUnique<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConstraintError(error, "UNIQUE")) throw codeTaken(code);
    throw error;
  }
}

export async function createDiscount(input: DiscountInput, actor: string): Promise<DiscountRow> {
  return writeTransaction(async (tx) => {
    await assertCodeFree(tx, input.code);
    const [row] = await guardUnique(input.code, () => tx.insert(discountCodes).values(input).returning());
    await recordAudit(tx, { actor, action: "discount.created", entityType: "discount_code", entityId: row!.id, data: { ...input } });
    return row!;
  });
}

export async function updateDiscount(id: number, input: DiscountInput, actor: string): Promise<DiscountRow> {
  return writeTransaction(async (tx) => {
    const [existing] = await tx.select().from(discountCodes).where(eq(discountCodes.id, id));
    if (!existing) throw new AppError("not_found", "That discount was not found.");
    if (input.usageLimit !== null && input.usageLimit < existing.uses) {
      throw new AppError("bad_request", "The limit is below the uses so far.", [
        { path: "usageLimit", message: `It has been used ${existing.uses} times already: use at least ${existing.uses}.` },
      ]);
    }
    await assertCodeFree(tx, input.code, id);
    const [row] = await guardUnique(input.code, () =>
      tx.update(discountCodes).set({ ...input, updatedAt: sqlNow }).where(eq(discountCodes.id, id)).returning(),
    );
    await recordAudit(tx, {
      actor,
      action: "discount.updated",
      entityType: "discount_code",
      entityId: id,
      data: { before: { ...existing }, after: { ...input } },
    });
    return row!;
  });
}

/** Stops a code from applying to new checkouts; orders that used it keep it. */
export async function deactivateDiscount(id: number, actor: string): Promise<DiscountRow> {
  return writeTransaction(async (tx) => {
    const [row] = await tx.update(discountCodes).set({ isActive: false, updatedAt: sqlNow }).where(eq(discountCodes.id, id)).returning();
    if (!row) throw new AppError("not_found", "That discount was not found.");
    await recordAudit(tx, { actor, action: "discount.deactivated", entityType: "discount_code", entityId: id, data: { code: row.code } });
    return row;
  });
}
