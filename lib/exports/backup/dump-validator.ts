// Reads a logical dump as data, never as a script: every statement must be one a backup holds (the
// migrations' own CREATE statements, plain-literal INSERTs into their tables, the dump's transaction
// wrapper), and a restore runs only statements rebuilt from what was parsed here.
import type { InValue } from "@libsql/client";
import { RestoreRefusedError } from "./backup-manifest";
import { describeSqlChange, normaliseSql, type ExpectedSchema, type SchemaObject } from "./backup-schema";
import { quoteIdentifier } from "./database-inventory";
import { DUMP_EPILOGUE, DUMP_PREAMBLE, sqlLiteral } from "./sql-dump";

export type DumpRows = { table: string; columns: string[]; rows: InValue[][] };

export type DumpStatement =
  | { kind: "create"; object: SchemaObject }
  | { kind: "rows"; insert: DumpRows }
  /** `DELETE FROM sqlite_sequence`, before the dump's AUTOINCREMENT counters. */
  | { kind: "reset-sequences" }
  /** The dump's own PRAGMA foreign_keys=OFF / BEGIN TRANSACTION / COMMIT: a restore runs its own. */
  | { kind: "transaction" };

export const SQLITE_SEQUENCE = "sqlite_sequence";
export const RESET_SEQUENCES_SQL = "DELETE FROM sqlite_sequence";
const WRAPPER = new Set([...DUMP_PREAMBLE, ...DUMP_EPILOGUE].map((statement) => normaliseSql(statement).toUpperCase()));

function preview(statement: string): string {
  const text = normaliseSql(statement.length > 400 ? statement.slice(0, 400) : statement);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

function refuse(reason: string, statement: string): never {
  throw new RestoreRefusedError(`The dump holds ${reason}, which no backup contains: \`${preview(statement)}\``);
}

const BARE_NAME = /[A-Za-z_][\w$]*/y;
const NUMBER = /([+-]?)(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(?![\w$.])/y;
const HEX_DIGITS = /^[0-9a-fA-F]*$/;

/** Space, tab, line feed, carriage return, form feed, vertical tab: what SQLite skips between tokens. */
const isSpaceCode = (code: number) => code === 32 || (code >= 9 && code <= 13);

/** A cursor over one INSERT statement that accepts only the shapes a dump writes. */
class InsertReader {
  private at = 0;
  constructor(private readonly text: string) {}

  private skipSpace(): void {
    while (this.at < this.text.length && isSpaceCode(this.text.charCodeAt(this.at))) this.at += 1;
  }

  isAtEnd(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  keyword(word: string): boolean {
    this.skipSpace();
    const next = this.text[this.at + word.length];
    if (this.text.slice(this.at, this.at + word.length).toUpperCase() !== word || (next !== undefined && /[\w$]/.test(next))) return false;
    this.at += word.length;
    return true;
  }

  punctuation(char: string): boolean {
    this.skipSpace();
    if (this.text[this.at] !== char) return false;
    this.at += 1;
    return true;
  }

  /** A "quoted" or bare identifier, unqualified (a `schema.` prefix is not read, so it fails later). */
  identifier(): string | null {
    this.skipSpace();
    if (this.text[this.at] === '"') {
      const end = this.closingQuote('"', this.at + 1);
      if (end === -1) return null;
      const name = this.text.slice(this.at + 1, end).replaceAll('""', '"');
      this.at = end + 1;
      return name;
    }
    BARE_NAME.lastIndex = this.at;
    const match = BARE_NAME.exec(this.text);
    if (!match) return null;
    this.at += match[0].length;
    return match[0];
  }

  /** One literal value (NULL, a number, a 'string', an X'blob'), or undefined for anything else. */
  literal(): InValue | undefined {
    this.skipSpace();
    const char = this.text[this.at];
    if (char === "'") {
      const end = this.closingQuote("'", this.at + 1);
      if (end === -1) return undefined;
      const value = this.text.slice(this.at + 1, end).replaceAll("''", "'");
      this.at = end + 1;
      return value;
    }
    if ((char === "X" || char === "x") && this.text[this.at + 1] === "'") {
      const end = this.text.indexOf("'", this.at + 2);
      const digits = end === -1 ? "" : this.text.slice(this.at + 2, end);
      if (end === -1 || digits.length % 2 !== 0 || !HEX_DIGITS.test(digits)) return undefined;
      this.at = end + 1;
      return new Uint8Array(Buffer.from(digits, "hex"));
    }
    if (this.keyword("NULL")) return null;
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match) return undefined;
    this.at += match[0].length;
    // Integers stay exact (bigint); a decimal point or exponent makes a REAL, as SQLite reads it.
    if (match[3] === undefined && match[4] === undefined) {
      const integer = BigInt(match[2]!);
      return match[1] === "-" ? -integer : integer;
    }
    return Number(match[0]);
  }

  /** The index of the quote closing a quoted run that starts at `from` (a doubled quote stays inside). */
  private closingQuote(quote: string, from: number): number {
    for (let at = from; ; ) {
      const next = this.text.indexOf(quote, at);
      if (next === -1) return -1;
      if (this.text[next + 1] !== quote) return next;
      at = next + 2;
    }
  }
}

/** `INSERT INTO <known table> (<its columns>) VALUES (<literals>), …` and nothing more. */
function parseInsert(statement: string, schema: ExpectedSchema): DumpRows {
  const reader = new InsertReader(statement);
  if (!reader.keyword("INSERT") || !reader.keyword("INTO")) refuse("an INSERT other than INSERT INTO (OR REPLACE, OR IGNORE …)", statement);
  const table = reader.identifier();
  if (table === null || reader.punctuation(".")) refuse("an INSERT into a table named in another database or not named plainly", statement);
  const isSequence = table === SQLITE_SEQUENCE;
  const known = isSequence ? new Set(["name", "seq"]) : schema.columns.get(table);
  if (!known && schema.derived.has(table)) refuse(`an INSERT into "${table}", part of the search index a restore rebuilds from the catalog`, statement);
  if (!known) refuse(`an INSERT into "${table}", a table the migrations do not make`, statement);
  if (!reader.punctuation("(")) refuse(`an INSERT into "${table}" without its column list`, statement);
  const columns: string[] = [];
  do {
    const column = reader.identifier();
    if (column === null) refuse(`an INSERT into "${table}" whose column list is not plain names`, statement);
    if (!known.has(column)) refuse(`an INSERT into "${table}" naming "${column}", a column the migrations do not make`, statement);
    if (columns.includes(column)) refuse(`an INSERT into "${table}" naming "${column}" twice`, statement);
    columns.push(column);
  } while (reader.punctuation(","));
  if (!reader.punctuation(")") || !reader.keyword("VALUES")) refuse(`an INSERT into "${table}" that is not INSERT … VALUES (SELECT, DEFAULT VALUES …)`, statement);
  const rows: InValue[][] = [];
  do {
    if (!reader.punctuation("(")) refuse(`an INSERT into "${table}" whose values are not plain literals`, statement);
    const row: InValue[] = [];
    do {
      const value = reader.literal();
      if (value === undefined) refuse(`an INSERT into "${table}" whose values are not plain literals (an expression, a function or a subquery)`, statement);
      row.push(value);
    } while (reader.punctuation(","));
    if (!reader.punctuation(")")) refuse(`an INSERT into "${table}" whose values are not plain literals`, statement);
    if (row.length !== columns.length) refuse(`an INSERT into "${table}" with ${row.length} values for ${columns.length} columns`, statement);
    rows.push(row);
  } while (reader.punctuation(","));
  if (!reader.isAtEnd()) refuse(`an INSERT into "${table}" followed by more SQL (ON CONFLICT, RETURNING or another statement)`, statement);
  if (isSequence) {
    // AUTOINCREMENT counters: a name of the migrations' AUTOINCREMENT tables and a whole number.
    const nameAt = columns.indexOf("name");
    const seqAt = columns.indexOf("seq");
    const isCounter = (row: InValue[]) => typeof row[nameAt] === "string" && schema.autoincrement.has(row[nameAt]) && typeof row[seqAt] === "bigint";
    if (nameAt === -1 || seqAt === -1 || !rows.every(isCounter)) refuse("a sqlite_sequence row that is not an AUTOINCREMENT counter of the migrations' tables", statement);
  }
  return { table, columns, rows };
}

const CREATE_HEAD = /^CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?(?:UNIQUE\s+)?(?:VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[\w$]+)/i;

function unquote(name: string): string {
  if (name.startsWith('"')) return name.slice(1, -1).replaceAll('""', '"');
  if (name.startsWith("`") || name.startsWith("[")) return name.slice(1, -1);
  return name;
}

/** A CREATE statement must be, word for word, one the migrations ran; otherwise say how it differs. */
function matchCreate(statement: string, schema: ExpectedSchema, byText: Map<string, SchemaObject>): SchemaObject {
  const object = byText.get(normaliseSql(statement));
  if (object) return object;
  const head = CREATE_HEAD.exec(normaliseSql(statement));
  if (!head) refuse("a CREATE statement of an unknown kind", statement);
  const type = head[1]!.toLowerCase();
  const name = unquote(head[2]!);
  const sameName = schema.creates.find((candidate) => candidate.type === type && candidate.name === name);
  if (sameName) {
    throw new RestoreRefusedError(`The dump's ${type} "${name}" differs from the migrations' (up to ${schema.migration}): ${describeSqlChange(sameName.sql!, statement)}`);
  }
  throw new RestoreRefusedError(`The dump holds an extra ${type} "${name}" that the migrations (up to ${schema.migration}) do not make: \`${preview(statement)}\``);
}

/** What one statement of a dump is, or a RestoreRefusedError naming why no backup holds it. */
export function classifyStatement(statement: string, schema: ExpectedSchema, byText: Map<string, SchemaObject>): DumpStatement {
  const firstWord = /^[A-Za-z]+/.exec(statement)?.[0].toUpperCase();
  if (firstWord === "INSERT") return { kind: "rows", insert: parseInsert(statement, schema) };
  if (firstWord === "CREATE") return { kind: "create", object: matchCreate(statement, schema, byText) };
  const normal = normaliseSql(statement).toUpperCase();
  if (WRAPPER.has(normal)) return { kind: "transaction" };
  if (normal === RESET_SEQUENCES_SQL.toUpperCase()) return { kind: "reset-sequences" };
  const words = normal.split(/[\s(=;]/).slice(0, 2).join(" ");
  refuse(`\`${firstWord === "PRAGMA" ? normal.slice(0, 60) : words}\``, statement);
}

/**
 * Classifies every statement of a dump, and at its end checks that the dump carried every CREATE
 * statement of the migrations exactly once: its schema part then equals the migrations' schema.
 */
export async function* validatedDump(statements: AsyncIterable<string>, schema: ExpectedSchema): AsyncGenerator<DumpStatement> {
  const byText = new Map(schema.creates.map((object) => [normaliseSql(object.sql!), object]));
  const seen = new Set<SchemaObject>();
  for await (const statement of statements) {
    const classified = classifyStatement(statement, schema, byText);
    if (classified.kind === "create") {
      if (seen.has(classified.object)) refuse(`a second ${classified.object.type} "${classified.object.name}"`, statement);
      seen.add(classified.object);
    }
    yield classified;
  }
  const missing = schema.creates.filter((object) => !seen.has(object));
  if (missing.length > 0) {
    throw new RestoreRefusedError(
      `The dump lacks part of the migrations' schema (up to ${schema.migration}): ${missing.map((object) => `${object.type} "${object.name}"`).join(", ")}`,
    );
  }
}

/** The INSERT a restore runs for parsed rows: built here from the values, never the dump's own text. */
export function insertSql({ table, columns, rows }: DumpRows): string {
  const tuples = rows.map((row) => `(${row.map(sqlLiteral).join(",")})`);
  return `INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(",")}) VALUES ${tuples.join(",\n")}`;
}
