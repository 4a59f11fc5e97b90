// Named guards for write batches: a statement that fails the whole batch, under the write lock, when what a plan read has moved.
import type { InStatement } from "@libsql/client";
import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { boundSql, isBoundSql, joinSql, textStatement, type BoundSql } from "./statement-text";

const dialect = new SQLiteAsyncDialect();

/** The message the trigger raises: exactly `guard:<name>` (the driver may add its own prefix before it). */
const GUARD_TOKEN = /(?:^|: )guard:([a-z][a-z_]*)$/;

/**
 * Every guard's name. The trigger on `batch_guards` raises each by name (SQLite's RAISE takes only a
 * literal), so a new name needs its branch in a migration (0010, re-created by 0012); lib/db/guards.test.ts holds the two together.
 */
export const GUARD_NAMES = ["event", "order", "stock", "discount", "cart_line", "limit", "update"] as const;
export type GuardName = (typeof GUARD_NAMES)[number];

/** A condition a write batch rests on (drizzle's SQL, or text built once: lib/db/statement-text.ts), and the name its failure is known by. */
export type Guard = { name: GuardName; holds: SQL | BoundSql };

const GUARD_INSERT = boundSql('INSERT INTO "batch_guards" ("name", "holds") VALUES ');
const GUARD_ROW_OPEN = boundSql("(?, ");
const ROW_CLOSE = boundSql(")");
const ROW_SEPARATOR = boundSql(", ");

function holdsText(holds: SQL | BoundSql): BoundSql {
  if (isBoundSql(holds)) return holds;
  const query = dialect.sqlToQuery(holds);
  return boundSql(query.sql, query.params);
}

/**
 * One statement that does nothing when every guard holds and otherwise aborts the batch it runs in
 * with an error naming the first guard that failed. It inserts one row per guard into
 * `batch_guards`, whose trigger (migration 0010) drops each row that holds and raises
 * `RAISE(ABORT, 'guard:<name>')` for the first that does not: the error's text is ours, not
 * SQLite's wording for something else. NULL (a row that is gone) counts as failing.
 */
export function guardStatement(guards: readonly Guard[]): InStatement {
  if (guards.length === 0) throw new Error("guardStatement: no guards");
  for (const { name } of guards) {
    if (!GUARD_NAMES.includes(name)) throw new Error(`guardStatement: "${name}" is not one of GUARD_NAMES`);
  }
  const parts: BoundSql[] = [GUARD_INSERT];
  guards.forEach(({ name, holds }, index) => {
    if (index > 0) parts.push(ROW_SEPARATOR);
    parts.push({ sql: GUARD_ROW_OPEN.sql, args: [name] }, holdsText(holds), ROW_CLOSE);
  });
  return textStatement(joinSql(parts));
}

/**
 * The name of the guard that refused a batch, or null when `error` is anything else (a constraint,
 * a fault, a bug): only a refusal means "decide again under the lock"; everything else propagates.
 */
export function guardRefusal(error: unknown): GuardName | "unnamed" | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    const message = (current as { message?: unknown }).message;
    const match = typeof message === "string" ? GUARD_TOKEN.exec(message) : null;
    if (match) return match[1] as GuardName | "unnamed";
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
