// Numeric id route segments ([id]): "abc", "0" or "1.5" is a 400, never a database lookup.
import { z } from "zod";

export const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The `id` segment as a number, or throws the ZodError the route wrapper answers with 400. */
export function parseIdParam(params: Record<string, string>): number {
  return idParams.parse(params).id;
}
