import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REBUILD_SEARCH_INDEX_SQL } from "./search-index";

const squeeze = (text: string) => text.replace(/\s+/g, " ").trim();

describe("the search index's one statement", () => {
  it("is the one migration 0009 filled the index with, so a fresh database and a rebuild agree", () => {
    const migration = readFileSync(path.resolve("drizzle/0009_catalog_search.sql"), "utf8");
    const statements = migration.split("--> statement-breakpoint").map((statement) => squeeze(statement.replace(/^--.*$/gm, "")));
    expect(statements[1]).toBe(`${squeeze(REBUILD_SEARCH_INDEX_SQL[1])};`);
  });
});
