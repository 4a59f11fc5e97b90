// The one write path: every write transaction in this process goes through writeTransaction().
import { AsyncLocalStorage } from "node:async_hooks";
import type { InStatement, ResultSet } from "@libsql/client";
import { env } from "@/lib/env";
import { retryLater } from "@/lib/app-error";
import { discardWriter, writerClient, writerDb, type Tx } from "./connection";
import { isBusyError } from "./errors";

/**
 * Why a queue: SQLite admits one writer at a time. On libSQL a second interactive write transaction
 * in the same process fails at once with SQLITE_BUSY, and a busy timeout would block the event loop
 * while the first one cannot finish. Queuing writes in-process costs nothing (there is only one
 * writer anyway) and leaves SQLITE_BUSY to mean "another process holds the lock", which is retried.
 */
let tail: Promise<void> = Promise.resolve();
const insideWrite = new AsyncLocalStorage<true>();

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 400;
/** What a 503 tells the caller: long enough for another process's batch job to move on. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The database stayed locked (by another process, or by a queue of writes ahead of this one) for
 * longer than DB_WRITE_WAIT_MS: answer 503 with Retry-After instead of holding the request open
 * indefinitely or calling it a 500. Nothing of this transaction was written.
 */
function gaveUp() {
  return retryLater("unavailable", "The shop is busy right now and could not save this. Please try again in a moment.", RETRY_AFTER_SECONDS);
}

/** Resolves true when `turn` settles before `deadline`, false once the deadline passes first. */
function waitUntil(turn: Promise<void>, deadline: number): Promise<boolean> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.resolve(false);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), remaining)));
  return Promise.race([turn.then(() => true as const), expired]).finally(() => clearTimeout(timer));
}

/**
 * A job that gives up waiting leaves the queue without running; the next job still waits for the
 * one ahead of it (its turn) as well as for this one, so the queue stays one writer at a time.
 */
function enqueue<T>(job: () => Promise<T>, deadline: number): Promise<T> {
  const turn = tail;
  const result = waitUntil(turn, deadline).then((isMyTurn) => {
    if (!isMyTurn) throw gaveUp();
    return job();
  });
  const settled = () => undefined;
  tail = turn.then(() => result).then(settled, settled);
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: spreads competing processes so they do not retry in lockstep. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

async function runWithRetry<T>(work: () => Promise<T>, deadline: number): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      await discardWriter();
      if (Date.now() >= deadline) {
        console.error("[db] gave up waiting for the write lock held by another process", error);
        throw gaveUp();
      }
      await sleep(Math.min(backoffMs(attempt), Math.max(0, deadline - Date.now())));
    }
  }
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE): all of it commits or none of it does.
 * `work` may run more than once when another process holds the lock, so it must only touch the
 * database through `tx` (never the root handle, which would run outside the transaction) and must
 * do no network I/O: call Stripe or send email after this resolves. When the lock cannot be had
 * within DB_WRITE_WAIT_MS it rejects with AppError `unavailable` (503, Retry-After).
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  if (insideWrite.getStore()) {
    // Waiting on the queue from inside it would deadlock: compose by passing `tx` down instead.
    return Promise.reject(new Error("writeTransaction() called inside a write transaction; pass tx down instead"));
  }
  // One budget for both waits: for the writes queued ahead in this process, then for the lock.
  const deadline = Date.now() + env().DB_WRITE_WAIT_MS;
  return enqueue(() => insideWrite.run(true, () => runWithRetry(async () => (await writerDb()).transaction(work), deadline)), deadline);
}

/**
 * Runs `statements` as one all-or-nothing transaction (BEGIN IMMEDIATE … COMMIT) that the database
 * executes whole: over Turso the write lock is held for one round trip instead of one per statement.
 * There is no reading in between, so each statement must carry its own guard (a conditional WHERE,
 * a constraint that a failed guard violates): any statement that fails rolls the whole batch back
 * and rejects with the database's error, for the caller to re-read and decide again. Queued with
 * writeTransaction's jobs, so it is still one writer at a time in this process.
 */
export function writeBatch(statements: InStatement[]): Promise<ResultSet[]> {
  if (insideWrite.getStore()) {
    return Promise.reject(new Error("writeBatch() called inside a write transaction; pass tx down instead"));
  }
  const deadline = Date.now() + env().DB_WRITE_WAIT_MS;
  return enqueue(() => insideWrite.run(true, () => runWithRetry(async () => (await writerClient()).batch(statements, "write"), deadline)), deadline);
}
