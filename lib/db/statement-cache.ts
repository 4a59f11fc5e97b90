// Reuses SQLite's prepared statements per connection for file databases: @libsql/client prepares every statement afresh.
import Database from "libsql";

/**
 * Distinct SQL texts kept per connection. The app's hot paths run a few dozen shapes; a cart of a
 * new size or a multi-row insert adds one, and the least recently used shape is dropped.
 */
const STATEMENTS_PER_CONNECTION = 256;

/** The driver's connection and statement, as far as this wrapper needs to know them. */
type Connection = object;
type Statement = object;
type Prepare = (this: Connection, sql: string) => Statement;

const PATCHED = Symbol.for("hedgerow.statement-cache");

/**
 * @libsql/client runs each statement of an embedded file as prepare → bind → run/all, synchronously,
 * and prepares it again next time: compiling the SQL was ~13% of a checkout's CPU. This keeps the
 * compiled statement per connection and SQL text. It is safe because every use is synchronous from
 * prepare to the last row (the client reads results with `all()`, never a lazy iterator), so no two
 * uses of one statement can interleave, and SQLite resets a statement before it is bound again. The
 * driver offers no cache of its own, hence the wrapper around its `prepare`; remote databases (Turso)
 * never reach it.
 */
export function cachePreparedStatements(): void {
  const prototype = Database.prototype as unknown as Record<symbol, unknown> & { prepare: Prepare };
  if (prototype[PATCHED]) return;
  const prepare = prototype.prepare;
  const caches = new WeakMap<Connection, Map<string, Statement>>();
  prototype.prepare = function cachedPrepare(this: Connection, sql: string): Statement {
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last, so the first key is the one to drop.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = prepare.call(this, sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
  prototype[PATCHED] = true;
}
