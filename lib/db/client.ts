// Opens libSQL clients (embedded file or Turso) and counts the statements they run.
import { createClient, type Client, type InStatement, type Transaction } from "@libsql/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type ConnectionConfig = { url: string; authToken?: string };

/**
 * How long a connection waits on a lock held by *another process* (a script, a second server).
 * Writers inside this process never wait on each other: they are queued (see transaction.ts). The
 * native binding waits synchronously, blocking the event loop, so keep this short and let the
 * async retry loop do the rest of the waiting.
 */
const CROSS_PROCESS_BUSY_TIMEOUT_MS = 50;

/** Statements executed by every client this module opened (a cart test compares 1 line vs 50). */
let statementsExecuted = 0;

export function statementCount(): number {
  return statementsExecuted;
}

export function isFileUrl(url: string): boolean {
  return url.startsWith("file:");
}

/** The absolute path of a `file:` URL's database, for backups and folder creation. */
export function filePathOfUrl(url: string): string {
  if (url.startsWith("file://")) return fileURLToPath(url);
  return path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length).split("?")[0] ?? "");
}

function countingTransaction(tx: Transaction): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "execute" || property === "commit" || property === "rollback") {
        return (...args: unknown[]) => {
          statementsExecuted += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === "batch") {
        return (statements: InStatement[], ...rest: unknown[]) => {
          statementsExecuted += statements.length;
          return (value as (...a: unknown[]) => unknown).apply(target, [statements, ...rest]);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

function countingClient(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "execute") {
        return (...args: unknown[]) => {
          statementsExecuted += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (property === "batch") {
        return (statements: InStatement[], ...rest: unknown[]) => {
          statementsExecuted += statements.length;
          return (value as (...a: unknown[]) => unknown).apply(target, [statements, ...rest]);
        };
      }
      if (property === "transaction") {
        return async (...args: unknown[]) => {
          statementsExecuted += 1; // BEGIN
          const tx = (await (value as (...a: unknown[]) => Promise<Transaction>).apply(target, args)) as Transaction;
          return countingTransaction(tx);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/**
 * Opens a client. For a file database the folder is created, and WAL lets readers carry on while
 * one writer commits. `concurrency` bounds the pool of native connections.
 */
export async function openClient(config: ConnectionConfig, options: { concurrency?: number } = {}): Promise<Client> {
  const isFile = isFileUrl(config.url);
  if (isFile) mkdirSync(path.dirname(filePathOfUrl(config.url)), { recursive: true });
  const client = createClient({
    url: config.url,
    authToken: config.authToken,
    ...(isFile ? { timeout: CROSS_PROCESS_BUSY_TIMEOUT_MS } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  if (isFile) {
    // journal_mode is stored in the file, so setting it once per open is enough for every connection.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  return countingClient(client);
}
