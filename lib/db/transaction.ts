// The one write path: every write transaction in this process goes through writeTransaction().
import { AsyncLocalStorage } from "node:async_hooks";
import { discardWriter, writerDb, type Tx } from "./connection";
import { isBusyError } from "./errors";

/**
 * Why a queue: SQLite admits one writer at a time. On libSQL a second interactive write transaction
 * in the same process fails at once with SQLITE_BUSY, and a busy timeout would block the event loop
 * while the first one cannot finish. Queuing writes in-process costs nothing (there is only one
 * writer anyway) and leaves SQLITE_BUSY to mean "another process holds the lock", which is retried.
 */
let tail: Promise<void> = Promise.resolve();
const insideWrite = new AsyncLocalStorage<true>();

const GIVE_UP_AFTER_MS = 15_000;
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 400;

function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const result = tail.then(job);
  tail = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter: spreads competing processes so they do not retry in lockstep. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

async function runWithRetry<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const writer = await writerDb();
      return await writer.transaction(work);
    } catch (error) {
      if (!isBusyError(error) || Date.now() - startedAt > GIVE_UP_AFTER_MS) throw error;
      await discardWriter();
      await sleep(backoffMs(attempt));
    }
  }
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE): all of it commits or none of it does.
 * `work` may run more than once when another process holds the lock, so it must only touch the
 * database through `tx` (never the root handle, which would run outside the transaction) and must
 * do no network I/O: call Stripe or send email after this resolves.
 */
export function writeTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  if (insideWrite.getStore()) {
    // Waiting on the queue from inside it would deadlock: compose by passing `tx` down instead.
    return Promise.reject(new Error("writeTransaction() called inside a write transaction; pass tx down instead"));
  }
  return enqueue(() => insideWrite.run(true, () => runWithRetry(work)));
}
