import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { openClient, roundTripCount } from "./client";
import { wrapClient } from "./connection";

const RTT_MS = 20;

describe("the simulated network (DATABASE_SIMULATED_RTT_MS)", () => {
  it("charges an interactive transaction one round trip per statement plus BEGIN and COMMIT, and a batch one", async () => {
    const client = await openClient({ url: process.env.DATABASE_URL!, simulatedRttMs: RTT_MS });
    try {
      const drizzleDb = wrapClient(client);
      const beforeTx = roundTripCount();
      const startedAt = performance.now();
      await drizzleDb.transaction(async (tx) => {
        await tx.run(sql`CREATE TABLE IF NOT EXISTS rtt_probe (n INTEGER)`);
        await tx.run(sql`INSERT INTO rtt_probe VALUES (1)`);
        await tx.all(sql`SELECT n FROM rtt_probe`);
      });
      const txElapsed = performance.now() - startedAt;
      expect(roundTripCount() - beforeTx).toBe(5); // BEGIN, three statements, COMMIT
      // Each round trip waited its turn: five of them cannot take less than five delays.
      expect(txElapsed).toBeGreaterThanOrEqual(5 * RTT_MS * 0.9);

      const beforeBatch = roundTripCount();
      await client.batch(["INSERT INTO rtt_probe VALUES (2)", "INSERT INTO rtt_probe VALUES (3)", "SELECT count(*) FROM rtt_probe"], "write");
      expect(roundTripCount() - beforeBatch).toBe(1);
      const { rows } = await client.execute("SELECT count(*) AS n FROM rtt_probe");
      expect(Number(rows[0]!.n)).toBe(3);
    } finally {
      client.close();
    }
  });

  it("is refused at boot for a remote database, which has a real network already", async () => {
    expect(() =>
      parseEnv({ NODE_ENV: "test", DATABASE_URL: "libsql://shop.turso.io", DATABASE_AUTH_TOKEN: "t", DATABASE_SIMULATED_RTT_MS: "20" }),
    ).toThrow(EnvError);
    await expect(openClient({ url: "libsql://shop.turso.io", authToken: "t", simulatedRttMs: 5 })).rejects.toThrow(/only for file databases/);
  });
});
