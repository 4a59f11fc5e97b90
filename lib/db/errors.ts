// Reads SQLite's error codes through drizzle's wrapping (DrizzleQueryError keeps the driver error as `cause`).

type CodedError = { code?: unknown; extendedCode?: unknown; message?: unknown; cause?: unknown };

/**
 * A remote libSQL server (Turso, sqld) sends only the primary code, `SQLITE_CONSTRAINT`, with SQLite's
 * message: the kind is read from the message's opening words, which SQLite has kept stable for years.
 */
const CONSTRAINT_KIND_BY_MESSAGE: readonly [RegExp, string][] = [
  [/\bUNIQUE constraint failed\b/, "SQLITE_CONSTRAINT_UNIQUE"],
  [/\bCHECK constraint failed\b/, "SQLITE_CONSTRAINT_CHECK"],
  [/\bFOREIGN KEY constraint failed\b/, "SQLITE_CONSTRAINT_FOREIGNKEY"],
  [/\bNOT NULL constraint failed\b/, "SQLITE_CONSTRAINT_NOTNULL"],
];

function extendedFromMessage(code: string, message: unknown): string {
  if (code !== "SQLITE_CONSTRAINT" || typeof message !== "string") return code;
  return CONSTRAINT_KIND_BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1] ?? code;
}

/** The most specific SQLite code in an error's cause chain, e.g. `SQLITE_CONSTRAINT_CHECK`. */
export function sqliteErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    const coded = current as CodedError;
    if (typeof coded.extendedCode === "string" && coded.extendedCode.startsWith("SQLITE_")) return coded.extendedCode;
    if (typeof coded.code === "string" && coded.code.startsWith("SQLITE_")) return extendedFromMessage(coded.code, coded.message);
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
