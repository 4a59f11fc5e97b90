// Builds statements for writeBatch: drizzle queries turned into SQL, never executed on their own.
import { randomBytes } from "node:crypto";
import type { Client, InArgs, InStatement, ResultSet } from "@libsql/client";
import { sql, type SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import type { Db, Tx } from "./connection";
import * as schema from "./schema";
import { boundSql, integerArgument, joinSql, type BoundSql } from "./statement-text";

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


/**
 * One query as a batch statement. The client binds a JavaScript number as a REAL, so a whole
 * number used in an expression rather than stored in an INTEGER column (an order number built as
 * `prefix || seq`, a JSON value) would read "1001.0": whole numbers are bound as INTEGERs instead.
 */
export function toStatement(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params.map(integerArgument) as InArgs };
}

/**
 * A value a write batch only learns while it runs (an order number, a count after an increment),
 * standing in a text that is built in code (a message, an email). Letters, digits and underscores,
 * with a per-process nonce: no escaping changes it and no shopper-typed text can contain it.
 */
const SLOT_NONCE = randomBytes(6).toString("hex").toUpperCase();

/**
 * Upper case throughout: a text rendering upper-cases an email's headings (html-to-text does), and
 * a slot that changed case on the way would never be filled (the owner saw `HD-SQLSLOT_…_`).
 */
export function sqlSlot(name: string): string {
  return `SQLSLOT_${SLOT_NONCE}_${name.toUpperCase()}_`;
}

const REPLACE_OPEN = boundSql("replace(");
const SLOT_ARGUMENT = ", ?, ";
const REPLACE_CLOSE = boundSql(")");

/** `text` with each slot replaced, by the database, with the value of its SQL expression. */
export function fillSqlSlots(text: string, values: Record<string, BoundSql>): BoundSql {
  const entries = Object.entries(values);
  const parts: BoundSql[] = entries.map(() => REPLACE_OPEN);
  parts.push(boundSql("?", [text]));
  for (const [name, value] of entries) parts.push(boundSql(SLOT_ARGUMENT, [sqlSlot(name)]), value, REPLACE_CLOSE);
  return joinSql(parts);
}

/**
 * Runs statements built for writeBatch one by one inside a write transaction instead: the locked
 * path of a guarded batch writes with exactly the statements (text and bound values) the batch
 * would have sent. drizzle takes SQL, not a prepared statement, so each one is rebuilt from its
 * text and arguments; a `?` that is not a placeholder would shift them, which is refused.
 */
export async function runStatements(tx: Tx, statements: readonly InStatement[]): Promise<ResultSet[]> {
  const results: ResultSet[] = [];
  for (const statement of statements) {
    const text = typeof statement === "string" ? statement : statement.sql;
    const args = typeof statement === "string" || statement.args === undefined ? [] : statement.args;
    if (!Array.isArray(args)) throw new Error("runStatements: named arguments are not supported");
    const pieces = text.split("?");
    if (pieces.length - 1 !== args.length) throw new Error(`runStatements: ${pieces.length - 1} placeholders for ${args.length} arguments in ${text}`);
    const chunks: SQL[] = [sql.raw(pieces[0]!)];
    args.forEach((arg, index) => chunks.push(sql`${arg}`, sql.raw(pieces[index + 1]!)));
    results.push(await tx.run(sql.join(chunks)));
  }
  return results;
}
