// Statements written as SQL text once per shape, with `?` placeholders, and their arguments bound per request.
import type { InArgs, InStatement } from "@libsql/client";

/** A piece of SQL text and the arguments of its `?` placeholders, in order (a class, so that no plain value, such as an event's data, is taken for one). */
export class BoundSql {
  constructor(
    readonly sql: string,
    readonly args: readonly unknown[],
  ) {}
}

export function boundSql(text: string, args: readonly unknown[] = []): BoundSql {
  return new BoundSql(text, args);
}

/** The SQL of "now" as the schema's defaults write it (schema.ts sqlNow). */
export const NOW_SQL_TEXT = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

type JoinNode = { joined?: string; next: Map<string, JoinNode> };

const joins = new Map<string, JoinNode>();
let joinNodes = 0;

/**
 * Distinct join paths kept. A hot path joins a few dozen shapes (one per cart size and plan branch);
 * past this every join is simply made afresh, so a stream of unusual shapes cannot grow memory.
 */
const MAX_JOIN_NODES = 8192;

/**
 * `parts.join(separator)`, returning the very same string whenever the same texts are joined. The
 * parts are themselves module-level texts (or joins of them), so walking the map of joins made
 * before hashes each part once per string, not once per request; and one string per shape keeps
 * the statement cache's lookup (lib/db/statement-cache.ts) from hashing a fresh multi-kilobyte text
 * on every request — building drizzle's query objects and rendering their SQL was ~20 % of a paid order.
 */
export function joinText(parts: readonly string[], separator = ""): string {
  let node: JoinNode | undefined = joins.get(separator);
  if (!node) {
    node = { next: new Map() };
    joins.set(separator, node);
  }
  for (const part of parts) {
    let next: JoinNode | undefined = node.next.get(part);
    if (!next) {
      if (joinNodes >= MAX_JOIN_NODES) return parts.join(separator);
      next = { next: new Map() };
      node.next.set(part, next);
      joinNodes += 1;
    }
    node = next;
  }
  node.joined ??= parts.join(separator);
  return node.joined;
}

/** Pieces of SQL joined into one, their arguments in the same order. */
export function joinSql(parts: readonly BoundSql[], separator = ""): BoundSql {
  return new BoundSql(
    joinText(
      parts.map((part) => part.sql),
      separator,
    ),
    parts.flatMap((part) => part.args),
  );
}

export function isBoundSql(value: unknown): value is BoundSql {
  return value instanceof BoundSql;
}

/** A whole number as an INTEGER argument (lib/db/statements.ts toStatement says why); other values as they are. */
export function integerArgument(value: unknown): unknown {
  return typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value;
}

/** A bound statement for writeBatch or runStatements. */
export function textStatement(statement: BoundSql): InStatement {
  return { sql: statement.sql, args: statement.args.map(integerArgument) as InArgs };
}
