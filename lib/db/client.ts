// Opens libSQL clients (embedded file or Turso) and counts the statements they run.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createClient, type Client, type InStatement, type Transaction } from "@libsql/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cachePreparedStatements } from "./statement-cache";

export type ConnectionConfig = {
  url: string;
  authToken?: string;
  /** Milliseconds to wait before every round trip, to measure a file database as if it were remote. */
  simulatedRttMs?: number;
  /** File databases: PRAGMA synchronous for the client's connections (see DATABASE_SYNCHRONOUS). */
  synchronous?: "normal" | "full";
};

/**
 * How long a connection waits on a lock held by *another process* (a script, a second server).
 * Writers inside this process never wait on each other: they are queued (see transaction.ts). The
 * native binding waits synchronously, blocking the event loop, so keep this short and let the
 * async retry loop do the rest of the waiting.
 */
const CROSS_PROCESS_BUSY_TIMEOUT_MS = 50;

/** Statements executed by every client this module opened (a cart test compares 1 line vs 50). */
let statementsExecuted = 0;
/** Requests a remote database would have answered: each execute, each batch, BEGIN, COMMIT, ROLLBACK. */
let roundTrips = 0;

/**
 * One round trip as a remote database would see it: the statements it carried and whether it ran
 * while this process held the write lock (inside BEGIN…COMMIT, or a write batch, which is one).
 */
export type RoundTrip = {
  statements: string[];
  isUnderWriteLock: boolean;
  /** Sent while another was still waiting for its answer: it adds no wait of its own to the request. */
  isOverlapping: boolean;
};

/** Round trips sent and not yet answered, to tell a request's waits in sequence from those in parallel. */
let inFlight = 0;

const roundTripListeners = new Set<(trip: RoundTrip) => void>();

/** Calls `listener` for every round trip until the returned function is called (profiles and tests). */
export function traceRoundTrips(listener: (trip: RoundTrip) => void): () => void {
  roundTripListeners.add(listener);
  return () => roundTripListeners.delete(listener);
}

function statementText(statement: unknown): string {
  if (typeof statement === "string") return statement;
  if (statement && typeof statement === "object" && "sql" in statement) return String((statement as { sql: unknown }).sql);
  return String(statement);
}

export function statementCount(): number {
  return statementsExecuted;
}

/** Round trips made so far by every client this module opened: what a request costs over Turso. */
export function roundTripCount(): number {
  return roundTrips;
}

/**
 * What one piece of work (a request, for the bench's x-db-round-trips header) cost the database;
 * `fallbacks`: write batches a named guard refused, whose work was then redone under the lock.
 */
export type DatabaseWork = { roundTrips: number; statements: number; fallbacks: number };

const workInProgress = new AsyncLocalStorage<DatabaseWork>();

/**
 * Runs `work` and counts the round trips and statements made on its behalf (its own async
 * continuations, including writes queued for it), while concurrent work is counted separately.
 */
export async function countDatabaseWork<T>(work: () => Promise<T>): Promise<{ result: T; cost: DatabaseWork }> {
  const cost: DatabaseWork = { roundTrips: 0, statements: 0, fallbacks: 0 };
  const result = await workInProgress.run(cost, work);
  return { result, cost };
}

const sharedWork = new AsyncLocalStorage<true>();

/**
 * Runs `work` (a read that refreshes a cache every request shares, such as the maintenance flag's
 * every 5 seconds) without counting or tracing its round trips: its cost is the instance's, spread
 * over every request, not that of the one request that happened to find the cache stale. Counted,
 * it made a request's statement count depend on the clock. The simulated network still delays it.
 */
export function outsideRequestWork<T>(work: () => Promise<T>): Promise<T> {
  return sharedWork.run(true, work);
}

/** Counts a refused write batch against the work in progress (see DatabaseWork). */
export function countFallback(): void {
  const work = workInProgress.getStore();
  if (work) work.fallbacks += 1;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith("file:");
}

/** The absolute path of a `file:` URL's database, for backups and folder creation. */
export function filePathOfUrl(url: string): string {
  if (url.startsWith("file://")) return fileURLToPath(url);
  return path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length).split("?")[0] ?? "");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One round trip: counted, and — when a simulated network is configured — delayed first, as a
 * request to Turso would be. The delay is a timer, not a busy wait, so other requests carry on.
 */
function roundTrip<T>(rttMs: number, statements: readonly unknown[], isUnderWriteLock: boolean, call: () => Promise<T>): Promise<T> {
  if (sharedWork.getStore()) return rttMs > 0 ? sleep(rttMs).then(call) : call();
  statementsExecuted += statements.length;
  roundTrips += 1;
  const work = workInProgress.getStore();
  if (work) {
    work.statements += statements.length;
    work.roundTrips += 1;
  }
  if (roundTripListeners.size > 0) {
    const trip = { statements: statements.map(statementText), isUnderWriteLock, isOverlapping: inFlight > 0 };
    for (const listener of roundTripListeners) listener(trip);
  }
  inFlight += 1;
  const answered = () => {
    inFlight -= 1;
  };
  const result = rttMs > 0 ? sleep(rttMs).then(call) : call();
  result.then(answered, answered);
  return result;
}

type AnyMethod = (...args: unknown[]) => unknown;

function instrumentedTransaction(tx: Transaction, rttMs: number): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as AnyMethod;
      // Every request inside the transaction waits for the lock holder's round trip: BEGIN IMMEDIATE
      // took the lock, and it is held until COMMIT's (or ROLLBACK's) answer.
      if (property === "execute") {
        return (...args: unknown[]) => roundTrip(rttMs, [args[0]], true, () => method.apply(target, args) as Promise<unknown>);
      }
      if (property === "commit" || property === "rollback") {
        return (...args: unknown[]) => roundTrip(rttMs, [property.toUpperCase()], true, () => method.apply(target, args) as Promise<unknown>);
      }
      if (property === "batch") {
        return (statements: InStatement[], ...rest: unknown[]) =>
          roundTrip(rttMs, statements, true, () => method.apply(target, [statements, ...rest]) as Promise<unknown>);
      }
      return method.bind(target);
    },
  });
}

function instrumentedClient(client: Client, rttMs: number): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as AnyMethod;
      if (property === "execute") {
        return (...args: unknown[]) => roundTrip(rttMs, [args[0]], false, () => method.apply(target, args) as Promise<unknown>);
      }
      if (property === "batch") {
        // A batch is one transaction the server runs whole: one that writes (drizzle's db.batch passes
        // no mode, "deferred") holds the lock for its one round trip.
        return (statements: InStatement[], ...rest: unknown[]) =>
          roundTrip(rttMs, statements, rest[0] !== "read", () => method.apply(target, [statements, ...rest]) as Promise<unknown>);
      }
      if (property === "transaction") {
        // BEGIN is its own round trip; every statement and the COMMIT inside are counted on the transaction.
        return async (...args: unknown[]) => {
          const tx = await roundTrip(rttMs, [`BEGIN ${String(args[0] ?? "write").toUpperCase()}`], false, () => method.apply(target, args) as Promise<Transaction>);
          return instrumentedTransaction(tx, rttMs);
        };
      }
      return method.bind(target);
    },
  });
}

/**
 * Opens a client. For a file database the folder is created, and WAL lets readers carry on while
 * one writer commits. `concurrency` bounds the pool of native connections.
 */
export async function openClient(config: ConnectionConfig, options: { concurrency?: number } = {}): Promise<Client> {
  const isFile = isFileUrl(config.url);
  if (config.simulatedRttMs && !isFile) throw new Error("A simulated round-trip time is only for file databases");
  if (isFile) {
    mkdirSync(path.dirname(filePathOfUrl(config.url)), { recursive: true });
    cachePreparedStatements();
  }
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    ...(isFile ? { timeout: CROSS_PROCESS_BUSY_TIMEOUT_MS } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  if (isFile) {
    // journal_mode is stored in the file, so setting it once per open is enough for every connection.
    await client.execute("PRAGMA journal_mode = WAL");
    // synchronous is per connection: this reaches every connection only of a one-connection client,
    // which is what the write queue opens (a pool's other connections keep the default, FULL).
    if (config.synchronous) await client.execute(`PRAGMA synchronous = ${config.synchronous === "normal" ? "NORMAL" : "FULL"}`);
  }
  return instrumentedClient(client, config.simulatedRttMs ?? 0);
}
