// Bookkeeping gathered in memory and written in one batch a second: for counters and marks a crowd would otherwise write one by one under the write lock.
import type { InStatement } from "@libsql/client";
import { writeBatch } from "./transaction";

export type GatheredWrites<T> = {
  /** Keeps the item in memory (merged with one of the same key) and makes sure a flush is due within the interval. */
  add(item: T): void;
  /** Writes everything gathered now, in one batch; a batch the database refuses goes back into memory for the next flush. */
  flush(): Promise<void>;
};

/**
 * What a process holds when it dies (at most one interval's worth) is lost, so use this only for
 * what is a gauge rather than a ledger: a refusal counter, the time a pass was first handed out.
 * The caller's answer never waits on the write.
 */
export function gatheredWrites<T>(options: {
  /** Named in the warning a refused batch logs. */
  what: string;
  intervalMs: number;
  keyOf: (item: T) => string;
  /** Two items of one key made one (a sum, the earlier of two times). */
  merge: (held: T, next: T) => T;
  statementsOf: (items: T[]) => InStatement[];
}): GatheredWrites<T> {
  const pending = new Map<string, T>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> = Promise.resolve();

  const keep = (item: T) => {
    const key = options.keyOf(item);
    const held = pending.get(key);
    pending.set(key, held === undefined ? item : options.merge(held, item));
  };
  const schedule = () => {
    if (timer || pending.size === 0) return;
    timer = setTimeout(() => void flush(), options.intervalMs);
    timer.unref?.();
  };
  const writePending = async () => {
    if (pending.size === 0) return;
    const items = [...pending.values()];
    pending.clear();
    try {
      await writeBatch(options.statementsOf(items));
    } catch (error) {
      console.warn(`[db] could not write ${items.length} ${options.what}; kept for the next flush`, error);
      for (const item of items) keep(item);
      schedule();
    }
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    flushing = flushing.then(writePending);
    return flushing;
  };
  return {
    add(item) {
      keep(item);
      schedule();
    },
    flush,
  };
}
