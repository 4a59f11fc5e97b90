// Named guards for write batches: a statement that fails the whole batch, under the write lock, when what a plan read has moved.
import type { InStatement } from "@libsql/client";
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { toStatement } from "./statements";

const dialect = new SQLiteAsyncDialect();

/** What a guard name may be: our token is `guard:<name>`, so nothing else can be mistaken for it. */
const GUARD_TOKEN = /'guard:([a-z][a-z_]*)'/;

/** A condition a write batch rests on, and the name its failure is known by. */
export type Guard = { name: string; holds: SQL };

/**
 * One statement that does nothing when every guard holds and otherwise aborts the batch it runs in
 * with an error naming the first guard that failed. SQLite has no RAISE() outside triggers and this
 * project adds no trigger for it, so the error is the one SQLite raises for a malformed JSON path,
 * evaluated only when a guard fails: the path is our own token, `guard:<name>`, and SQLite quotes
 * the path it refused in its error, which guardRefusal() reads back. NULL (a row that is gone)
 * counts as failing.
 */
export function guardStatement(guards: readonly Guard[]): InStatement {
  for (const { name } of guards) {
    if (!/^[a-z][a-z_]*$/.test(name)) throw new Error(`guardStatement: "${name}" is not a guard name (a-z and _)`);
  }
  const failed = sql.join(
    guards.map(({ name, holds }) => sql`WHEN NOT coalesce(${holds}, 0) THEN ${`guard:${name}`}`),
    sql` `,
  );
  const check = sql`SELECT json_extract('{}', CASE ${failed} ELSE '$' END)`;
  return toStatement({ toSQL: () => dialect.sqlToQuery(check) });
}

/**
 * The name of the guard that refused a batch, or null when `error` is anything else (a constraint,
 * a fault, a bug): only a refusal means "decide again under the lock"; everything else propagates.
 */
export function guardRefusal(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    const message = (current as { message?: unknown }).message;
    const match = typeof message === "string" ? GUARD_TOKEN.exec(message) : null;
    if (match) return match[1]!;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
