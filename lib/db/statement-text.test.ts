import { describe, expect, it } from "vitest";
import { boundSql, joinSql, joinText, textStatement } from "./statement-text";

describe("statements written as text once per shape", () => {
  it("joining the same parts again gives the very same string, and its arguments in order", () => {
    const row = boundSql("(?, ?)");
    const build = (values: number[][]) => joinSql([boundSql("INSERT INTO t (a, b) VALUES "), joinSql(values.map((pair) => boundSql(row.sql, pair)), ", ")]);
    const first = build([
      [1, 2],
      [3, 4],
    ]);
    const second = build([
      [5, 6],
      [7, 8],
    ]);
    expect(first.sql).toBe("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)");
    expect(Object.is(first.sql, second.sql)).toBe(true);
    expect(second.args).toEqual([5, 6, 7, 8]);
    expect(build([[1, 2]]).sql).toBe("INSERT INTO t (a, b) VALUES (?, ?)");
  });

  it("keeps joins with different separators apart", () => {
    expect(joinText(["a", "b"], " AND ")).toBe("a AND b");
    expect(joinText(["a", "b"], ", ")).toBe("a, b");
  });

  it("binds whole numbers as INTEGERs, as toStatement does", () => {
    expect(textStatement(boundSql("SELECT ?, ?, ?", [1001, 1.5, "x"]))).toEqual({ sql: "SELECT ?, ?, ?", args: [1001n, 1.5, "x"] });
  });
});
