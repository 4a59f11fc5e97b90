// A libSQL protocol server for tests: Hrana over HTTP (JSON, /v2 and /v3 pipelines) on a database file.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Database from "libsql";
import { refusalOf, roughStatements, withoutLeadingComments } from "./refusals";
import { WriteLock } from "./write-lock";

export type HranaServerOptions = {
  /** Path of the SQLite database file the server serves (created when missing). */
  dbPath: string;
  port?: number;
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <token>`; anything else gets 401. */
  token?: string;
  /** Milliseconds every HTTP request waits before it is handled: a network's round trip. */
  delayMs?: number;
  /** An idle stream (its baton unused this long) is rolled back and closed, as sqld does. */
  streamIdleMs?: number;
  /** How long a statement waits for another stream's write lock before it fails with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * How long a write transaction may keep the lock while another writer waits (sqld: 5 s): then it
   * is rolled back, the waiter gets the lock, and the robbed stream's next request fails with
   * TRANSACTION_TIMEOUT.
   */
  transactionTimeoutMs?: number;
};

export type HranaServer = {
  url: string;
  port: number;
  /** Streams currently open (each one SQLite connection): tests check they do not leak. */
  openStreams(): number;
  /** HTTP requests handled so far. */
  requestCount(): number;
  /** Streams waiting for the write lock. */
  waitingWriters(): number;
  close(): Promise<void>;
};

type Value = { type: "null" } | { type: "integer"; value: string } | { type: "float"; value: number } | { type: "text"; value: string } | { type: "blob"; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: Value[]; named_args?: { name: string; value: Value }[]; want_rows?: boolean };
type BatchCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and" | "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };
type Batch = { steps: { condition?: BatchCond | null; stmt: Stmt }[] };
type StreamRequest =
  | { type: "close" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: Batch }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "describe"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number }
  | { type: "get_autocommit" };

type ProtoError = { message: string; code: string };
type StmtResult = {
  cols: { name: string; decltype: string | null }[];
  rows: Value[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
};

/** A statement's failure, carrying the code the client maps to LibsqlError.code. */
class StatementError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A request that is malformed for the protocol (answered with HTTP 400, as sqld does). */
class ProtocolError extends Error {}

type Stream = {
  conn: Database.Database;
  sqls: Map<number, string>;
  baton: string;
  timer: NodeJS.Timeout | undefined;
  /** Its write transaction was rolled back for another writer: the next request answers TRANSACTION_TIMEOUT. */
  stolen: boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Only for a lock held outside this server (another process on the file): the server's own writers wait in WriteLock. */
const BUSY_POLL_MS = 20;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Enough for a burst of reads to reuse connections instead of opening (and parsing the schema) anew. */
const IDLE_CONNECTIONS_KEPT = 64;

/** sqld reports SQLite's primary code only (SQLITE_CONSTRAINT, not SQLITE_CONSTRAINT_UNIQUE). */
function primaryCode(code: unknown): string {
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return "SQLITE_UNKNOWN";
  return `SQLITE_${code.slice("SQLITE_".length).split("_")[0]}`;
}

function statementErrorOf(error: unknown): StatementError {
  if (error instanceof StatementError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StatementError(primaryCode((error as { code?: unknown })?.code), `SQLite error: ${message}`);
}

function isRetryableBusy(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  // A stale read snapshot stays stale however long it waits: only a plain lock conflict is retried.
  return typeof code === "string" && code.startsWith("SQLITE_BUSY") && code !== "SQLITE_BUSY_SNAPSHOT";
}

function decodeValue(value: Value): unknown {
  switch (value.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(value.value);
    case "float":
      return Number(value.value);
    case "text":
      return value.value;
    case "blob":
      return Buffer.from(value.base64, "base64");
    default:
      throw new ProtocolError(`Unknown value type ${JSON.stringify((value as { type: unknown }).type)}`);
  }
}

function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  if (typeof value === "number") return Number.isInteger(value) ? { type: "integer", value: String(value) } : { type: "float", value };
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  return { type: "text", value: String(value) };
}

const WRITE_KEYWORDS = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * Statements that never take SQLite's write lock. Anything else queues for it first: a read judged
 * a write only waits its turn, while a write judged a read would take the lock behind the queue's back.
 */
const NEVER_WRITES = /^(SELECT|EXPLAIN|VALUES|BEGIN(\s+DEFERRED)?(\s+TRANSACTION)?\s*;?\s*$|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA\s+[\w".]+\s*(\([^)]*\))?\s*;?\s*$)/i;

function mayWrite(sql: string): boolean {
  return !NEVER_WRITES.test(withoutLeadingComments(sql));
}

const STOLEN_MESSAGE = "Transaction timed-out: it held the write lock too long while another writer waited, and was rolled back";

export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const streamIdleMs = options.streamIdleMs ?? 10_000;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
  const transactionTimeoutMs = options.transactionTimeoutMs ?? 5_000;
  const delayMs = options.delayMs ?? 0;
  const expectedToken = options.token ? Buffer.from(options.token) : undefined;

  // WAL is a property of the file, set once here: clients may not change it (see refusals.ts).
  const setup = new Database(options.dbPath);
  setup.exec("PRAGMA journal_mode = WAL");
  setup.close();

  const streams = new Map<string, Stream>();
  const writeLock = new WriteLock<Stream>({
    transactionTimeoutMs,
    onSteal(stream) {
      try {
        stream.conn.exec("ROLLBACK");
      } catch {
        // Already outside a transaction: nothing of it to undo.
      }
      stream.stolen = true;
    },
  });
  const idleConnections: Database.Database[] = [];
  let requests = 0;

  function openConnection(): Database.Database {
    // No busy timeout in SQLite itself: it would block this process's event loop, so the lock
    // holder's own COMMIT could never arrive. Waiting happens in runWithBusyWait instead.
    return idleConnections.pop() ?? new Database(options.dbPath, { timeout: 0 });
  }

  function releaseConnection(conn: Database.Database) {
    if (conn.inTransaction) {
      try {
        conn.exec("ROLLBACK");
      } catch {
        // The connection is discarded below either way.
      }
    }
    if (!conn.inTransaction && idleConnections.length < IDLE_CONNECTIONS_KEPT) idleConnections.push(conn);
    else conn.close();
  }

  function closeStream(stream: Stream) {
    clearTimeout(stream.timer);
    streams.delete(stream.baton);
    releaseConnection(stream.conn);
    writeLock.forget(stream);
  }

  function armExpiry(stream: Stream) {
    clearTimeout(stream.timer);
    stream.timer = setTimeout(() => closeStream(stream), streamIdleMs);
    stream.timer.unref();
  }

  /**
   * Runs one statement of `stream`; one that may write first waits its turn for the write lock.
   * Afterwards the stream keeps the lock only while its transaction stays open.
   */
  async function runWithBusyWait<T>(stream: Stream, writes: boolean, work: () => T): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (;;) {
      if (writes && !(await writeLock.acquire(stream, deadline - Date.now()))) throw new StatementError("SQLITE_BUSY", "SQLite error: database is locked");
      let busy = false;
      try {
        return work();
      } catch (error) {
        busy = isRetryableBusy(error);
        if (!busy || Date.now() >= deadline) throw statementErrorOf(error);
      } finally {
        writeLock.settle(stream, stream.conn.inTransaction && !busy);
      }
      await sleep(BUSY_POLL_MS);
    }
  }

  function sqlOf(stream: Stream, sql: string | undefined, sqlId: number | undefined): string {
    if (sql !== undefined && sqlId !== undefined) throw new ProtocolError("Both sql and sql_id given");
    if (sql !== undefined) return sql;
    if (sqlId === undefined) throw new ProtocolError("Neither sql nor sql_id given");
    const stored = stream.sqls.get(sqlId);
    if (stored === undefined) throw new ProtocolError(`SQL text ${sqlId} was not stored`);
    return stored;
  }

  function bindArguments(stmt: Stmt): unknown[] {
    const positional = (stmt.args ?? []).map(decodeValue);
    const named = stmt.named_args ?? [];
    if (named.length === 0) return positional;
    if (positional.length > 0) throw new StatementError("ARGS_BOTH_POSITIONAL_AND_NAMED", "Specifying both positional and named arguments is not supported");
    // better-sqlite3's binding names carry no prefix (`:id`, `@id` and `$id` all bind as `id`).
    return [Object.fromEntries(named.map((arg) => [arg.name.replace(/^[:@$]/, ""), decodeValue(arg.value)]))];
  }

  async function executeStmt(stream: Stream, stmt: Stmt): Promise<StmtResult> {
    const sql = sqlOf(stream, stmt.sql, stmt.sql_id);
    const refusal = refusalOf(sql);
    if (refusal) throw new StatementError("BLOCKED", `Operation was blocked: ${refusal}`);
    const args = bindArguments(stmt);
    return runWithBusyWait(stream, mayWrite(sql), () => {
      let prepared;
      try {
        prepared = stream.conn.prepare(sql);
      } catch (error) {
        throw statementErrorOf(error);
      }
      if (prepared.reader) {
        const columns = prepared.columns();
        const rows = prepared.raw(true).safeIntegers(true).all(...args) as unknown[][];
        const isWrite = WRITE_KEYWORDS.test(sql);
        const [changes, rowid] = isWrite ? (stream.conn.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true).get() as [bigint, bigint]) : [0n, 0n];
        return {
          cols: columns.map((column) => ({ name: column.name, decltype: column.type })),
          rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(encodeValue)),
          affected_row_count: Number(changes),
          last_insert_rowid: isWrite ? rowid.toString() : null,
        };
      }
      const outcome = prepared.run(...args);
      return { cols: [], rows: [], affected_row_count: outcome.changes, last_insert_rowid: String(outcome.lastInsertRowid) };
    });
  }

  function conditionHolds(stream: Stream, condition: BatchCond | null | undefined, results: (StmtResult | null)[], errors: (ProtoError | null)[]): boolean {
    if (!condition) return true;
    switch (condition.type) {
      case "ok":
        return results[condition.step] != null;
      case "error":
        return errors[condition.step] != null;
      case "not":
        return !conditionHolds(stream, condition.cond, results, errors);
      case "and":
        return condition.conds.every((inner) => conditionHolds(stream, inner, results, errors));
      case "or":
        return condition.conds.some((inner) => conditionHolds(stream, inner, results, errors));
      case "is_autocommit":
        return !stream.conn.inTransaction;
      default:
        throw new ProtocolError(`Unknown batch condition ${JSON.stringify((condition as { type: unknown }).type)}`);
    }
  }

  async function executeBatch(stream: Stream, batch: Batch) {
    const results: (StmtResult | null)[] = [];
    const errors: (ProtoError | null)[] = [];
    for (const step of batch.steps) {
      if (!conditionHolds(stream, step.condition, results, errors)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await executeStmt(stream, step.stmt));
        errors.push(null);
      } catch (error) {
        if (error instanceof ProtocolError) throw error;
        const failure = statementErrorOf(error);
        results.push(null);
        errors.push({ message: failure.message, code: failure.code });
      }
    }
    return { step_results: results, step_errors: errors };
  }

  async function handleRequest(stream: Stream, request: StreamRequest): Promise<{ response: Record<string, unknown>; closes: boolean }> {
    if (stream.stolen && (request.type === "execute" || request.type === "batch" || request.type === "sequence")) {
      // As sqld: the robbed stream's next program fails whole, once; the stream then runs in autocommit.
      stream.stolen = false;
      if (request.type !== "batch") throw new StatementError("TRANSACTION_TIMEOUT", STOLEN_MESSAGE);
      const failed = { message: STOLEN_MESSAGE, code: "TRANSACTION_TIMEOUT" };
      return { response: { type: "batch", result: { step_results: request.batch.steps.map(() => null), step_errors: request.batch.steps.map(() => failed) } }, closes: false };
    }
    switch (request.type) {
      case "close":
        return { response: { type: "close" }, closes: true };
      case "execute":
        return { response: { type: "execute", result: await executeStmt(stream, request.stmt) }, closes: false };
      case "batch":
        return { response: { type: "batch", result: await executeBatch(stream, request.batch) }, closes: false };
      case "sequence": {
        const sql = sqlOf(stream, request.sql, request.sql_id);
        const refused = roughStatements(sql).map(refusalOf).find(Boolean);
        if (refused) throw new StatementError("BLOCKED", `Operation was blocked: ${refused}`);
        await runWithBusyWait(stream, true, () => stream.conn.exec(sql));
        return { response: { type: "sequence" }, closes: false };
      }
      case "describe": {
        const sql = sqlOf(stream, request.sql, request.sql_id);
        let prepared;
        try {
          prepared = stream.conn.prepare(sql);
        } catch (error) {
          throw statementErrorOf(error);
        }
        const cols = prepared.reader ? prepared.columns().map((column) => ({ name: column.name, decltype: column.type })) : [];
        return {
          response: { type: "describe", result: { params: [], cols, is_explain: /^\s*EXPLAIN\b/i.test(sql), is_readonly: !WRITE_KEYWORDS.test(sql) && prepared.reader } },
          closes: false,
        };
      }
      case "store_sql":
        stream.sqls.set(request.sql_id, request.sql);
        return { response: { type: "store_sql" }, closes: false };
      case "close_sql":
        stream.sqls.delete(request.sql_id);
        return { response: { type: "close_sql" }, closes: false };
      case "get_autocommit":
        return { response: { type: "get_autocommit", is_autocommit: !stream.conn.inTransaction }, closes: false };
      default:
        throw new ProtocolError(`Unknown request type ${JSON.stringify((request as { type: unknown }).type)}`);
    }
  }

  async function handlePipeline(body: { baton?: string | null; requests?: StreamRequest[] }) {
    if (!Array.isArray(body.requests)) throw new ProtocolError("`requests` must be an array");
    let stream: Stream;
    if (body.baton) {
      const found = streams.get(body.baton);
      if (!found) throw new ProtocolError("The baton is not valid: the stream expired or was closed");
      stream = found;
      // A baton is good for one request only: the answer carries the next one.
      streams.delete(found.baton);
      clearTimeout(found.timer);
    } else {
      stream = { conn: openConnection(), sqls: new Map(), baton: "", timer: undefined, stolen: false };
    }
    const results: unknown[] = [];
    let closed = false;
    for (const request of body.requests) {
      if (closed) {
        results.push({ type: "error", error: { message: "The stream is closed", code: "STREAM_CLOSED" } });
        continue;
      }
      try {
        const { response, closes } = await handleRequest(stream, request);
        results.push({ type: "ok", response });
        if (closes) closed = true;
      } catch (error) {
        if (error instanceof ProtocolError) {
          closeStream(stream);
          throw error;
        }
        const failure = statementErrorOf(error);
        results.push({ type: "error", error: { message: failure.message, code: failure.code } });
      }
    }
    if (closed) {
      closeStream(stream);
      return { baton: null, base_url: null, results };
    }
    stream.baton = randomBytes(18).toString("base64url");
    streams.set(stream.baton, stream);
    armExpiry(stream);
    return { baton: stream.baton, base_url: null, results };
  }

  function isAuthorized(request: IncomingMessage): boolean {
    if (!expectedToken) return true;
    const header = request.headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1]) return false;
    const presented = Buffer.from(match[1].trim());
    return presented.length === expectedToken.length && timingSafeEqual(presented, expectedToken);
  }

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new ProtocolError("Request body too large");
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  function send(response: ServerResponse, status: number, body: unknown) {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    response.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" });
    response.end(text);
  }

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    requests += 1;
    if (delayMs > 0) await sleep(delayMs);
    const url = new URL(request.url ?? "/", "http://server");
    if (request.method === "GET" && url.pathname === "/health") return send(response, 200, "ok");
    if (!isAuthorized(request)) return send(response, 401, { error: "Unauthorized: the auth token is missing or wrong" });
    // Version probes: JSON Hrana 2 and 3 only; the protobuf encoding is not spoken here.
    if (request.method === "GET" && (url.pathname === "/v2" || url.pathname === "/v3")) return send(response, 200, "ok");
    if (request.method === "POST" && (url.pathname === "/v2/pipeline" || url.pathname === "/v3/pipeline")) {
      try {
        const body = JSON.parse(await readBody(request)) as { baton?: string | null; requests?: StreamRequest[] };
        return send(response, 200, await handlePipeline(body));
      } catch (error) {
        if (error instanceof ProtocolError || error instanceof SyntaxError) return send(response, 400, { error: error.message });
        return send(response, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return send(response, 404, { error: `No such endpoint: ${request.method} ${url.pathname}` });
  }

  const server: Server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: String(error) });
    });
  });
  // Node closes an idle keep-alive socket after 5 s; a client reusing it at that moment gets EPIPE
  // (seen on a loaded machine as a failed read). sqld keeps connections open far longer.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    openStreams: () => streams.size,
    requestCount: () => requests,
    waitingWriters: () => writeLock.waiting(),
    async close() {
      writeLock.close();
      for (const stream of [...streams.values()]) closeStream(stream);
      for (const conn of idleConnections.splice(0)) conn.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
