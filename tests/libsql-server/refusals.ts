// What the protocol server refuses, as Turso Cloud does (docs.turso.tech/cloud/limitations and sqld's defaults).

/**
 * Each rule: a statement shape Turso refuses and the reason it gives. Chosen from what the shop could
 * plausibly send: sqld runs with ATTACH disabled and no extension loading; Turso Cloud documents
 * `journal_mode` and `busy_timeout` as not settable and `user_version`/`application_id` as read-only;
 * a `VACUUM INTO` a path would write a file on the server's disk, which no hosted database allows.
 */
const RULES: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^\s*(ATTACH|DETACH)\b/i, reason: "ATTACH and DETACH are not allowed" },
  { pattern: /\bload_extension\s*\(/i, reason: "loading extensions is not allowed" },
  { pattern: /^\s*VACUUM\b[^;]*\bINTO\b/i, reason: "VACUUM INTO a file is not allowed" },
  { pattern: /^\s*PRAGMA\s+(?:"?main"?\.)?"?journal_mode"?\s*(=|\()/i, reason: "the journal mode cannot be changed" },
  { pattern: /^\s*PRAGMA\s+(?:"?main"?\.)?"?busy_timeout"?\s*(=|\()/i, reason: "busy_timeout is not supported; the server manages waiting" },
  { pattern: /^\s*PRAGMA\s+(?:"?main"?\.)?"?(user_version|application_id)"?\s*(=|\()/i, reason: "user_version and application_id are read-only" },
];

/** Strips leading comments so a refusal cannot be dodged with `/* … *\/ ATTACH …`. */
export function withoutLeadingComments(sql: string): string {
  let rest = sql;
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed.startsWith("--")) {
      const end = trimmed.indexOf("\n");
      rest = end === -1 ? "" : trimmed.slice(end + 1);
    } else if (trimmed.startsWith("/*")) {
      const end = trimmed.indexOf("*/");
      rest = end === -1 ? "" : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

/** The reason `sql` is refused, or undefined when the server runs it. */
export function refusalOf(sql: string): string | undefined {
  const statement = withoutLeadingComments(sql);
  return RULES.find((rule) => rule.pattern.test(statement))?.reason;
}

/** Splits a `sequence` into statements closely enough to check each against the rules. */
export function roughStatements(sql: string): string[] {
  return sql.split(/;\s*(?=\S)/).filter((part) => part.trim() !== "");
}
