// A logical dump as a stream of SQL statements (schema, then rows in batches), and the reader that
// splits such a file back into statements. Used for Turso, where there is no file to snapshot.
import type { InValue } from "@libsql/client";
import { listTables, listVirtualTables, quoteIdentifier, type SqlExecutor } from "./database-inventory";

const ROWS_PER_SELECT = 2_000;
const ROWS_PER_INSERT = 100;

/** Statements a dump carries for `sqlite3` / `turso db shell`; the restorer manages its own transaction. */
export const DUMP_PREAMBLE = ["PRAGMA foreign_keys=OFF", "BEGIN TRANSACTION"];
export const DUMP_EPILOGUE = ["COMMIT"];

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/**
 * One value as an SQL literal that reads back as the same value and type: integers arrive as bigint
 * (the dump client uses intMode "bigint"), reals keep a decimal point, blobs are X'…'.
 */
export function sqlLiteral(value: InValue | undefined): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? "NULL" : value > 0 ? "9e999" : "-9e999";
    const text = String(value);
    return /[.eE]/.test(text) ? text : `${text}.0`;
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (value instanceof ArrayBuffer) return `X'${hex(new Uint8Array(value))}'`;
  return `X'${hex(value)}'`;
}

export type DumpProgress = { table: string; rows: number };

/**
 * Yields the dump of everything `db` shows (run it inside one read transaction for a consistent
 * snapshot): tables in foreign-key order, their rows in rowid order, AUTOINCREMENT counters, then
 * indexes, views and triggers. The search index comes as its CREATE alone (see listTables). `rowCounts` receives the rows written per table.
 */
export async function* dumpStatements(
  db: SqlExecutor,
  rowCounts: Record<string, number>,
  onProgress: (progress: DumpProgress) => void = () => undefined,
): AsyncGenerator<string> {
  const tables = await listTables(db);
  const schema = await db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
  const tableSql = new Map(schema.rows.filter((row) => row.type === "table").map((row) => [String(row.name), String(row.sql)]));

  for (const statement of DUMP_PREAMBLE) yield statement;
  for (const table of tables) yield tableSql.get(table)!;
  // The search index's CREATE only, never its rows: db:restore rebuilds it from the catalog.
  for (const table of await listVirtualTables(db)) yield tableSql.get(table)!;

  for (const table of tables) {
    let written = 0;
    let lastRowid: InValue = -1n;
    for (;;) {
      // Every table in this schema has a rowid; keyset paging on it keeps each read small and ordered.
      const page = await db.execute({
        sql: `SELECT rowid, * FROM ${quoteIdentifier(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_SELECT}`,
        args: [lastRowid],
      });
      if (page.rows.length === 0) break;
      const columns = page.columns.slice(1).map(quoteIdentifier).join(",");
      for (let start = 0; start < page.rows.length; start += ROWS_PER_INSERT) {
        const tuples = page.rows.slice(start, start + ROWS_PER_INSERT).map((row) => {
          const values: string[] = [];
          for (let index = 1; index < page.columns.length; index += 1) values.push(sqlLiteral(row[index] as InValue));
          return `(${values.join(",")})`;
        });
        yield `INSERT INTO ${quoteIdentifier(table)} (${columns}) VALUES ${tuples.join(",\n")}`;
      }
      written += page.rows.length;
      lastRowid = page.rows[page.rows.length - 1]![0] as InValue;
      onProgress({ table, rows: written });
      if (page.rows.length < ROWS_PER_SELECT) break;
    }
    rowCounts[table] = written;
    if (written === 0) onProgress({ table, rows: 0 });
  }

  const hasSequence = await db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'");
  if (hasSequence.rows.length > 0) {
    // Counters can run ahead of the rows (deleted orders): restore them so ids are never reused.
    const sequences = await db.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name");
    yield "DELETE FROM sqlite_sequence";
    for (const row of sequences.rows) {
      yield `INSERT INTO sqlite_sequence (name, seq) VALUES (${sqlLiteral(row.name as InValue)}, ${sqlLiteral(row.seq as InValue)})`;
    }
  }
  for (const row of schema.rows) {
    if (row.type !== "table") yield String(row.sql);
  }
  for (const statement of DUMP_EPILOGUE) yield statement;
}

type SplitState = "code" | "single" | "double" | "backtick" | "bracket" | "line-comment" | "block-comment";

const CODE_SPECIAL = /['"`[\-/;]/g;
const CLOSING_QUOTE = { single: "'", double: '"', backtick: "`", bracket: "]" } as const;

/**
 * Splits SQL text arriving in chunks (already decoded: read files with `encoding: "utf8"`) into
 * statements at semicolons outside quotes and comments; a CREATE TRIGGER body runs to its END.
 * Statements come out trimmed, without the semicolon. Text is scanned up to each chunk's last line
 * break, so a two-character token (`--`, a comment's ends) is never split across chunks.
 */
export async function* splitSqlStatements(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let state: SplitState = "code";
  let current = "";
  let carry = "";

  const scan = (text: string): string[] => {
    const found: string[] = [];
    let kept = 0;
    // Jumps from one character that matters to the next: most of a dump is quoted text and values.
    for (let i = 0; i < text.length; ) {
      if (state === "code") {
        CODE_SPECIAL.lastIndex = i;
        const special = CODE_SPECIAL.exec(text);
        if (!special) break;
        i = special.index;
        const char = text[i]!;
        if (char === "'") state = "single";
        else if (char === '"') state = "double";
        else if (char === "`") state = "backtick";
        else if (char === "[") state = "bracket";
        else if (char === "-" && text[i + 1] === "-") {
          current += text.slice(kept, i);
          state = "line-comment";
          i += 1;
        } else if (char === "/" && text[i + 1] === "*") {
          current += text.slice(kept, i);
          state = "block-comment";
          i += 1;
        } else if (char === ";") {
          const statement = (current + text.slice(kept, i)).trim();
          kept = i + 1;
          if (/^CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(statement) && !/\bEND$/i.test(statement)) {
            current = `${statement};`;
          } else {
            if (statement) found.push(statement);
            current = "";
          }
        }
        i += 1;
      } else if (state === "line-comment") {
        const lineEnd = text.indexOf("\n", i);
        if (lineEnd === -1) break;
        state = "code";
        kept = lineEnd;
        i = lineEnd + 1;
      } else if (state === "block-comment") {
        const commentEnd = text.indexOf("*/", i);
        if (commentEnd === -1) break;
        state = "code";
        kept = commentEnd + 2;
        i = commentEnd + 2;
      } else {
        const closing = text.indexOf(CLOSING_QUOTE[state], i);
        if (closing === -1) break;
        state = "code";
        i = closing + 1;
      }
    }
    if (state !== "line-comment" && state !== "block-comment") current += text.slice(kept);
    return found;
  };

  for await (const chunk of chunks) {
    const text = carry + chunk;
    const cut = text.lastIndexOf("\n") + 1;
    carry = text.slice(cut);
    yield* scan(text.slice(0, cut));
  }
  yield* scan(carry);
  if (state !== "code" && state !== "line-comment") throw new Error("the SQL ends inside a quoted string or comment (truncated?)");
  const rest = current.trim();
  if (rest) throw new Error(`the SQL ends without a semicolon after "${rest.slice(0, 60)}…" (truncated?)`);
}
