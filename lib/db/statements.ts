// Builds statements for writeBatch: drizzle queries turned into SQL, never executed on their own.
import type { Client, InArgs, InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "./connection";
import * as schema from "./schema";

/**
 * A handle that only builds SQL. A write function that takes it returns a query for writeBatch
 * (which runs it in the write queue) instead of running it: the type is distinct from the read
 * handle, so a write cannot run outside the one write path by accident.
 */
export type StatementBuilder = Db & { readonly isStatementBuilder: true };

const refuse = (method: string) => () => {
  throw new Error(`A statement builder has no connection (tried ${method}); run its statements with writeBatch`);
};
const unconnected = {
  execute: refuse("execute"),
  batch: refuse("batch"),
  transaction: refuse("transaction"),
  executeMultiple: refuse("executeMultiple"),
  migrate: refuse("migrate"),
} as unknown as Client;

export const statementBuilder = drizzle(unconnected, { schema }) as unknown as StatementBuilder;

/** One query as a batch statement. */
export function toStatement(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InArgs };
}
