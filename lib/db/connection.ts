// The process's libSQL clients: a pooled one for reads and a single-connection one for the write queue.
import type { Client, ResultSet } from "@libsql/client";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import type { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import { env } from "@/lib/env";
import { openClient, type ConnectionConfig } from "./client";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = LibSQLDatabase<Schema>;
export type Tx = SQLiteTransaction<"async", ResultSet, Schema, ExtractTablesWithRelations<Schema>>;
/** Domain functions take this first, so they run alone or inside a caller's transaction. */
export type DbOrTx = Db | Tx;

type Handle = { client: Client; db: Db };

let reader: Promise<Handle> | undefined;
let writer: Promise<Handle> | undefined;

export function connectionConfig(): ConnectionConfig {
  const current = env();
  return { url: current.DATABASE_URL, authToken: current.DATABASE_AUTH_TOKEN, simulatedRttMs: current.DATABASE_SIMULATED_RTT_MS };
}

export function wrapClient(client: Client): Db {
  return drizzle(client, { schema });
}

function open(concurrency?: number, config: ConnectionConfig = connectionConfig()): Promise<Handle> {
  return openClient(config, { concurrency }).then((client) => ({ client, db: wrapClient(client) }));
}

/**
 * Only the write queue's single connection commits, so only it needs the durability setting: with
 * WAL and `synchronous=NORMAL` a commit no longer waits for fsync (measured ~4x more write batches
 * per second on this machine), at the price README's deployment section describes.
 */
function openWriter(): Promise<Handle> {
  return open(1, { ...connectionConfig(), synchronous: env().DATABASE_SYNCHRONOUS });
}

/** Forgets a failed open so the next call tries again (the file may appear, Turso may recover). */
function retryable(promise: Promise<Handle>, forget: () => void): Promise<Handle> {
  return promise.catch((error: unknown) => {
    forget();
    throw error;
  });
}

/** The read handle. Never write through it: writes belong in writeTransaction (see transaction.ts). */
export async function db(): Promise<Db> {
  reader ??= retryable(open(), () => (reader = undefined));
  return (await reader).db;
}

/** The write queue's handle: one connection, used by one transaction at a time. */
export async function writerDb(): Promise<Db> {
  writer ??= retryable(openWriter(), () => (writer = undefined));
  return (await writer).db;
}

/** The write queue's raw client, for writeBatch: one all-or-nothing batch is one round trip. */
export async function writerClient(): Promise<Client> {
  writer ??= retryable(openWriter(), () => (writer = undefined));
  return (await writer).client;
}

/**
 * Drops the write connection. A connection whose `BEGIN IMMEDIATE` failed has been seen to lose
 * later writes silently (libsql-client-ts #352), so after SQLITE_BUSY the next attempt opens a new one.
 */
export async function discardWriter(): Promise<void> {
  const current = writer;
  writer = undefined;
  if (current) (await current.catch(() => undefined))?.client.close();
}

/** Closes both clients; the next call opens new ones (tests and scripts use this). */
export async function closeDb(): Promise<void> {
  const current = reader;
  reader = undefined;
  await discardWriter();
  if (current) (await current.catch(() => undefined))?.client.close();
}
