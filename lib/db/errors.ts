// Reads SQLite's error codes through drizzle's wrapping (DrizzleQueryError keeps the driver error as `cause`).

type CodedError = { code?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown };

/** The most specific SQLite code in an error's cause chain, e.g. `SQLITE_CONSTRAINT_CHECK`. */
export function sqliteErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    const coded = current as CodedError;
    if (typeof coded.extendedCode === "string" && coded.extendedCode.startsWith("SQLITE_")) return coded.extendedCode;
    if (typeof coded.code === "string" && coded.code.startsWith("SQLITE_")) return coded.code;
    current = coded.cause;
  }
  return undefined;
}

export function isBusyError(error: unknown): boolean {
  const code = sqliteErrorCode(error);
  return code === "SQLITE_BUSY" || code?.startsWith("SQLITE_BUSY_") === true || code === "SQLITE_LOCKED";
}

export function isConstraintError(error: unknown, kind?: "CHECK" | "UNIQUE" | "FOREIGNKEY" | "NOTNULL" | "PRIMARYKEY"): boolean {
  const code = sqliteErrorCode(error);
  if (!code?.startsWith("SQLITE_CONSTRAINT")) return false;
  return kind === undefined || code === `SQLITE_CONSTRAINT_${kind}`;
}
