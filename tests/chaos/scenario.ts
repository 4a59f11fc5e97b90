// What a scenario is given and how it states its outcome: every expectation printed, failures collected.
import { ChaosClient } from "./chaos-client";
import { STRIPE_WEBHOOK_SECRET } from "./chaos-env";
import type { ChaosServer } from "./chaos-server";
import { Figures } from "./figures";

export type ScenarioContext = {
  /** The main server, and a second one the two-process scenario starts on the same database. */
  server: ChaosServer;
  second: ChaosServer;
  figures: Figures;
  expect: Expectations;
  /** A client for the main server counting into this scenario's figures. */
  client: ChaosClient;
  network: RunNetwork;
};

/** How the run reaches the database: what a scenario's own server settings may depend on. */
export type RunNetwork = { simulatedRttMs: number; throughLibsqlServer: boolean };

export type Scenario = {
  name: string;
  run: (context: ScenarioContext) => Promise<void>;
  /**
   * Settings the main server needs for this scenario only (the harness restarts it with them, and
   * they stay through the scenario's own restarts). Scenarios that need them run last, after the others.
   */
  server?: (network: RunNetwork) => Record<string, string>;
};

export class Expectations {
  readonly failures: string[] = [];

  that(isMet: boolean, what: string, detail?: string): boolean {
    console.log(`    ${isMet ? "ok  " : "FAIL"}  ${what}${!isMet && detail ? ` — ${detail}` : ""}`);
    if (!isMet) this.failures.push(detail ? `${what} — ${detail}` : what);
    return isMet;
  }

  equal<T>(actual: T, expected: T, what: string): boolean {
    return this.that(Object.is(actual, expected), `${what}: ${String(expected)}`, `got ${String(actual)}`);
  }
}

export function newContext(server: ChaosServer, second: ChaosServer, network: RunNetwork): ScenarioContext {
  const figures = new Figures();
  return { server, second, figures, expect: new Expectations(), client: new ChaosClient(server.origin, figures, STRIPE_WEBHOOK_SECRET), network };
}
