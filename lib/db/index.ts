// lib/db: the client, the schema and the one write path.
export { closeDb, connectionConfig, db, wrapClient, type Db, type DbOrTx, type Schema, type Tx } from "./connection";
export { writeBatch, writeTransaction } from "./transaction";
export { isBusyError, isConstraintError, sqliteErrorCode } from "./errors";
export { countFallback, roundTripCount, statementCount, traceRoundTrips, type RoundTrip } from "./client";
export * as schema from "./schema";
export { fillSqlSlots, runStatements, sqlSlot, statementBuilder, toStatement, type StatementBuilder } from "./statements";
export { GUARD_NAMES, guardRefusal, guardStatement, type Guard, type GuardName } from "./guards";
export { inJsonList, jsonList, preparedPerHandle } from "./prepared";
export { BoundSql, NOW_SQL_TEXT, boundSql, isBoundSql, joinSql, joinText, textStatement } from "./statement-text";
