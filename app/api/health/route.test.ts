import { describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { GET } from "./route";

describe("GET /api/health", () => {
  it("reports ok when the database can be read", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: "ok" });
  });

  it("answers 503 with db error when the database cannot be read", async () => {
    const original = process.env.DATABASE_URL;
    await closeDb();
    // A folder is not a database file: opening it fails the way a broken volume would.
    process.env.DATABASE_URL = `file:${process.env.DATA_DIR}`;
    resetEnvForTests();
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, db: "error" });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = original;
      resetEnvForTests();
    }
    expect((await GET()).status).toBe(200);
  });
});
