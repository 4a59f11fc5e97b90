// Reads a bundle file back record by record (streaming, for files of any size), and fails with the
// file, section, record number and line when something is malformed or the file is cut short.
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export type BundleItem =
  | { type: "header"; key: string; value: unknown }
  | { type: "record"; section: string; index: number; line: number; value: unknown }
  | { type: "section-end"; section: string; count: number };

export class BundleFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${path.basename(file)}: ${message}`);
  }
}

const TOP_LEVEL_ENTRY = /^ {2}("(?:[^"\\]|\\.)*"): (.*?)(,?)$/;

/** What one JSON.parse failure says, in a line. */
function parseError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Walks an already-parsed file (one not in the streaming layout, e.g. re-indented by an editor). */
function* itemsOfParsedFile(file: string, parsed: unknown): Generator<BundleItem> {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new BundleFileError(file, "expected a JSON object at the top");
  for (const [key, value] of Object.entries(parsed)) {
    if (!Array.isArray(value)) {
      yield { type: "header", key, value };
      continue;
    }
    for (const [index, record] of value.entries()) yield { type: "record", section: key, index: index + 1, line: 0, value: record };
    yield { type: "section-end", section: key, count: value.length };
  }
}

export async function* readBundleFile(file: string): AsyncGenerator<BundleItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let lineNumber = 0;
  let state: "start" | "top" | "section" | "record" | "end" = "start";
  let section = "";
  let count = 0;
  let recordLines: string[] = [];
  let recordStart = 0;

  for await (const line of lines) {
    lineNumber += 1;
    if (state === "start") {
      if (line !== "{") {
        // Not our streaming layout: fall back to reading the whole file (fine for hand-edited small files).
        lines.close();
        let parsed: unknown;
        try {
          parsed = JSON.parse(readFileSync(file, "utf8"));
        } catch (error) {
          throw new BundleFileError(file, `not valid JSON (${parseError(error)})`);
        }
        yield* itemsOfParsedFile(file, parsed);
        return;
      }
      state = "top";
    } else if (state === "top") {
      if (line === "}") {
        state = "end";
        continue;
      }
      const match = TOP_LEVEL_ENTRY.exec(line);
      if (!match) throw new BundleFileError(file, `line ${lineNumber} is not a top-level entry: ${line.slice(0, 80)}`);
      const key = JSON.parse(match[1]!) as string;
      if (match[2] === "[") {
        state = "section";
        section = key;
        count = 0;
      } else if (match[2] === "[]") {
        yield { type: "section-end", section: key, count: 0 };
      } else {
        let value: unknown;
        try {
          value = JSON.parse(match[2]!);
        } catch (error) {
          throw new BundleFileError(file, `"${key}" on line ${lineNumber} is not valid JSON (${parseError(error)})`);
        }
        yield { type: "header", key, value };
      }
    } else if (state === "section") {
      if (line === "  ]" || line === "  ],") {
        yield { type: "section-end", section, count };
        state = "top";
      } else if (line === "    {") {
        state = "record";
        recordLines = [line];
        recordStart = lineNumber;
      } else {
        throw new BundleFileError(file, `${section} record ${count + 1} (line ${lineNumber}): expected "{" to open a record, found ${line.slice(0, 80)}`);
      }
    } else if (state === "record") {
      recordLines.push(line);
      if (line === "    }" || line === "    },") {
        count += 1;
        const text = recordLines.join("\n").replace(/,$/, "");
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (error) {
          throw new BundleFileError(file, `${section} record ${count} (lines ${recordStart}–${lineNumber}) is not valid JSON (${parseError(error)})`);
        }
        yield { type: "record", section, index: count, line: recordStart, value };
        state = "section";
      }
    } else if (line.trim() !== "") {
      throw new BundleFileError(file, `unexpected text after the end of the file's object on line ${lineNumber}`);
    }
  }
  if (state === "record") throw new BundleFileError(file, `truncated: the file ends inside ${section} record ${count + 1} (started on line ${recordStart})`);
  if (state === "section") throw new BundleFileError(file, `truncated: the file ends after ${section} record ${count}, before the list is closed`);
  if (state !== "end") throw new BundleFileError(file, lineNumber === 0 ? "the file is empty" : "truncated: the file ends before its closing brace");
}
