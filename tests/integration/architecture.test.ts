// The design rules that comments used to keep, as tests that read the source: who writes each table,
// who reads process.env, and what the ground floor (lib/db) may import.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { getTableName, isTable, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import { BULK_LOADERS, COLUMN_WRITERS, TABLE_OWNERS, type TableName } from "@/lib/db/table-owners";

const root = path.resolve(__dirname, "../..");

/** Source files of the running shop and the owner's scripts (tests and their harnesses excluded). */
function sourceFiles(...folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        walk(full);
      } else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        files.push(path.relative(root, full));
      }
    }
  };
  for (const folder of folders) {
    const full = path.join(root, folder);
    if (statSync(full).isDirectory()) walk(full);
    else files.push(folder);
  }
  return files.sort();
}

/** The text without comments, so a sentence like "update the order" in a comment is not a write. */
function code(file: string): string {
  return readFileSync(path.join(root, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const tableOfVariable = new Map<string, TableName>();
for (const [name, value] of Object.entries(schema)) {
  if (isTable(value)) tableOfVariable.set(name, getTableName(value) as TableName);
}
const tableNames = new Set(Object.keys(TABLE_OWNERS));

type Write = { file: string; table: string; how: string };

/** Every table write a file makes: drizzle's insert/update/delete, chunked inserts, and raw SQL. */
export function writesIn(file: string, text: string = code(file)): Write[] {
  const writes: Write[] = [];
  for (const match of text.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) {
    const table = tableOfVariable.get(match[2]!);
    if (table) writes.push({ file, table, how: `.${match[1]}(${match[2]})` });
  }
  for (const match of text.matchAll(/insertInChunks\(\s*\w+\s*,\s*(\w+)/g)) {
    const table = tableOfVariable.get(match[1]!);
    if (table) writes.push({ file, table, how: `insertInChunks(${match[1]})` });
  }
  const raw = /\b(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+(?:\$\{\s*(\w+)\s*\}|["`]?(\w+)["`]?)(\s+set\b)?/gi;
  for (const match of text.matchAll(raw)) {
    const verb = match[1]!.toLowerCase();
    if (verb === "update" && !match[4]) continue;
    const table = match[2] ? tableOfVariable.get(match[2]) : tableNames.has(match[3]!) ? (match[3] as TableName) : undefined;
    if (table) writes.push({ file, table, how: match[0].replace(/\s+/g, " ") });
  }
  return writes;
}

const isInside = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

/** Writes outside the table's owner (bulk loaders aside). */
export function ownershipBreaches(writes: Write[]): Write[] {
  const columnWriters = new Set<string>(Object.values(COLUMN_WRITERS).flat());
  return writes.filter(
    (write) =>
      !isInside(write.file, TABLE_OWNERS[write.table as TableName]) &&
      !BULK_LOADERS.some((loader) => isInside(write.file, loader)) &&
      !(write.table === "product_variants" && columnWriters.has(write.file)),
  );
}

// The bench harnesses (scripts/bench*), like tests/, build their data and configure the servers they
// start; they are not the shop.
const shopSources = () =>
  sourceFiles("app", "lib", "scripts", "middleware.ts", "instrumentation.ts", "next.config.ts").filter((file) => !file.startsWith("scripts/bench"));

describe("who writes each table", () => {
  it("every table has an owner in the map", async () => {
    // The schema's tables, and the virtual tables drizzle cannot describe (the FTS5 search index), read from the migrated database.
    const virtual = await (await db()).all<{ name: string }>(sql`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'`);
    expect([...tableOfVariable.values(), ...virtual.map((table) => table.name)].sort()).toEqual([...tableNames].sort());
  });

  it("finds writes of each kind, and a write from the wrong folder is a breach", () => {
    const planted = writesIn(
      "lib/customers/erase-customer-record.ts",
      "await tx.update(orders).set({ email: null });\nawait tx.run(sql`delete from order_events where id = 1`);\nawait tx.run(sql`insert into ${emailOutbox} (id) values (1)`);",
    );
    expect(planted.map((write) => write.table)).toEqual(["orders", "order_events", "email_outbox"]);
    expect(ownershipBreaches(planted)).toHaveLength(3);
    expect(ownershipBreaches(writesIn("lib/orders/x.ts", "tx.update(orders).set({})"))).toEqual([]);
  });

  it("a table is written only inside its owner's folder", () => {
    const breaches = ownershipBreaches(shopSources().flatMap((file) => writesIn(file)));
    expect(breaches.map((write) => `${write.file}: ${write.how} writes ${write.table} (owner ${TABLE_OWNERS[write.table as TableName]})`)).toEqual([]);
  });

  it("a state column has one writing module", () => {
    const stockWriters = shopSources().filter((file) => {
      if ((COLUMN_WRITERS["product_variants.stock"] as readonly string[]).includes(file) || BULK_LOADERS.some((loader) => isInside(file, loader))) return false;
      const text = code(file);
      const drizzle = [...text.matchAll(/\.update\(\s*productVariants\s*\)\s*\.set\(\s*\{([^}]*)\}/g)].some((match) => /\bstock\s*:/.test(match[1]!));
      const raw = /update\s+["`]?product_variants["`]?\s+set\b[^;`]*\bstock\s*=/i.test(text);
      return drizzle || raw;
    });
    expect(stockWriters).toEqual([]);
  });

  it("the README's table of owners is the map", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("**Who writes each table.**"));
    const documented: Record<string, string> = {};
    for (const line of section.split("\n")) {
      const row = /^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \| `(lib\/[a-z-]+)`/.exec(line);
      if (!row) continue;
      for (const table of row[1]!.matchAll(/`([a-z_]+)`/g)) documented[table[1]!] = row[2]!;
    }
    expect(documented).toEqual({ ...TABLE_OWNERS });
  });
});

describe("one reader of the environment", () => {
  it("process.env appears only in lib/env.ts and instrumentation.ts", () => {
    const readers = shopSources().filter((file) => /process\.env\b/.test(code(file)));
    expect(readers).toEqual(["instrumentation.ts", "lib/env.ts"]);
  });
});

describe("the ground floor", () => {
  it("lib/db imports no other domain of the shop", () => {
    // lib/db may use the environment, the clock and the shared error type; every domain builds on it, never the reverse.
    const allowed = ["@/lib/db/", "@/lib/env", "@/lib/time", "@/lib/app-error"];
    const reachUps = sourceFiles("lib/db").flatMap((file) =>
      [...code(file).matchAll(/(?:from|import)\s*\(?\s*"(@\/[^"]+|\.\.\/[^"]+)"/g)]
        .map((match) => match[1]!)
        .filter((specifier) => !allowed.some((prefix) => specifier === prefix.replace(/\/$/, "") || specifier.startsWith(prefix)))
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(reachUps).toEqual([]);
  });
});

describe("server-only modules", () => {
  it("the modules that open the database or hold a secret import server-only", () => {
    // A client component that reached one of these would fail the build instead of shipping it.
    // lib/env.ts is the exception: next.config.ts and drizzle.config.ts read it outside Next's bundler.
    const guarded = [
      "lib/db/client.ts",
      "lib/auth/session-token.ts",
      "lib/auth/owner-device.ts",
      "lib/webhooks/verify-stripe-event.ts",
      "lib/payments/stripe/stripe-provider.ts",
      "lib/email/resend-transport.ts",
      "lib/exports/backup/backup-signature.ts",
      // And every module that opens a database connection of its own (the backup, restore and export scripts' snapshots).
      ...sourceFiles("lib").filter((file) => /\bcreateClient\b[^;]*from "@libsql\/client"/.test(code(file))),
    ];
    expect(guarded.length).toBeGreaterThanOrEqual(11);
    expect(guarded.filter((file) => !/^import "server-only";$/m.test(readFileSync(path.join(root, file), "utf8")))).toEqual([]);
  });
});

/** Domain → domains it imports at run time (type-only imports aside), from lib/<domain>/** sources. */
function domainImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles("lib")) {
    const parts = file.split("/");
    if (parts.length < 3) continue; // lib/money.ts and the like are shared modules, not domains
    const domain = parts[1]!;
    for (const match of code(file).matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"@\/lib\/([\w-]+)[/"]/gm)) {
      const target = match[1]!;
      const isDomain = statSync(path.join(root, "lib", target), { throwIfNoEntry: false })?.isDirectory() ?? false;
      if (isDomain && target !== domain) graph.set(domain, (graph.get(domain) ?? new Set()).add(target));
    }
  }
  return graph;
}

/** Every cycle a depth-first walk meets, as "a → b → a" (one per back edge). */
function importCycles(graph: Map<string, Set<string>>): string[] {
  const cycles: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (domain: string) => {
    path.push(domain);
    for (const next of [...(graph.get(domain) ?? [])].sort()) {
      const onPath = path.indexOf(next);
      if (onPath >= 0) cycles.push([...path.slice(onPath), next].join(" → "));
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    done.add(domain);
  };
  for (const domain of [...graph.keys()].sort()) if (!done.has(domain)) visit(domain);
  return cycles;
}

describe("imports between domains", () => {
  it("the domains import each other without a cycle, of any length", () => {
    // The layers run one way (see the README's architecture notes): checkout above cart, discounts
    // and inventory; orders above email; email-delivery and privacy above the domains they orchestrate.
    expect(importCycles(domainImports())).toEqual([]);
  });

  it("finds a cycle through three domains", () => {
    const planted = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])], ["d", new Set(["a"])]]);
    expect(importCycles(planted)).toEqual(["a → b → c → a"]);
  });
});
