// The database's one write lock as the protocol server hands it out: waiters in arrival order, and a holder past its time given up, as sqld does.

type Waiter<Owner> = { owner: Owner; grant: (granted: boolean) => void; timer: NodeJS.Timeout };

export type WriteLockOptions<Owner> = {
  /**
   * How long a write transaction keeps the lock once another writer waits for it: sqld's 5 s
   * transaction timeout (tursodatabase/libsql#925). Past it the holder is rolled back (onSteal).
   */
  transactionTimeoutMs: number;
  /** Rolls the stolen holder's transaction back; the lock passes to the next waiter right after. */
  onSteal: (owner: Owner) => void;
};

/**
 * Tracks which stream holds SQLite's write lock, so a blocked writer waits for a hand-over instead of
 * polling: the holder's commit, rollback, close or theft wakes exactly the next waiter, which then
 * holds the lock before anyone arriving later can take it.
 */
export class WriteLock<Owner> {
  private holder: Owner | undefined;
  private heldSince = 0;
  private readonly waiters: Waiter<Owner>[] = [];
  private stealTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WriteLockOptions<Owner>) {}

  /** The stream holding the lock, if any. */
  current(): Owner | undefined {
    return this.holder;
  }

  /** Streams waiting for the lock. */
  waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves true once `owner` may run a statement that writes: at once when it holds the lock, or
   * nobody holds it and nobody waits; otherwise when the lock is handed to it. False after `waitMs`.
   */
  acquire(owner: Owner, waitMs: number): Promise<boolean> {
    if (this.holder === owner) return Promise.resolve(true);
    if (this.holder === undefined && this.waiters.length === 0) {
      this.take(owner);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter<Owner> = {
        owner,
        grant: resolve,
        timer: setTimeout(() => this.giveUp(waiter), Math.max(0, waitMs)),
      };
      this.waiters.push(waiter);
      this.armSteal();
    });
  }

  /**
   * After `owner` ran a statement: it keeps the lock while its write transaction stays open, and
   * otherwise (autocommit write done, COMMIT, ROLLBACK, a failed BEGIN) hands it on.
   */
  settle(owner: Owner, holdsTransaction: boolean): void {
    if (this.holder !== owner || holdsTransaction) return;
    this.release();
  }

  /** A closed or expired stream: it leaves the queue and, if it held the lock, hands it on. */
  forget(owner: Owner): void {
    for (const waiter of this.waiters.filter((candidate) => candidate.owner === owner)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
      waiter.grant(false);
    }
    if (this.holder === owner) this.release();
  }

  close(): void {
    clearTimeout(this.stealTimer);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.grant(false);
    }
    this.holder = undefined;
  }

  private take(owner: Owner) {
    this.holder = owner;
    this.heldSince = Date.now();
  }

  private release() {
    this.holder = undefined;
    clearTimeout(this.stealTimer);
    const next = this.waiters.shift();
    if (!next) return;
    clearTimeout(next.timer);
    this.take(next.owner);
    next.grant(true);
    this.armSteal();
  }

  private armSteal() {
    clearTimeout(this.stealTimer);
    if (this.holder === undefined || this.waiters.length === 0) return;
    const due = this.heldSince + this.options.transactionTimeoutMs - Date.now();
    this.stealTimer = setTimeout(() => this.stealIfOverdue(), Math.max(0, due));
    this.stealTimer.unref();
  }

  private stealIfOverdue() {
    const victim = this.holder;
    if (victim === undefined || this.waiters.length === 0) return;
    if (Date.now() - this.heldSince < this.options.transactionTimeoutMs) return this.armSteal();
    this.options.onSteal(victim);
    this.release();
  }

  /** A waiter's own deadline: a holder overdue by then is robbed first, which may hand the lock to this very waiter. */
  private giveUp(waiter: Waiter<Owner>) {
    this.stealIfOverdue();
    const index = this.waiters.indexOf(waiter);
    if (index === -1) return;
    this.waiters.splice(index, 1);
    waiter.grant(false);
  }
}
