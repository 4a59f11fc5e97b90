// What a scenario is given and how it states its outcome: every expectation printed, failures collected.
import { ChaosClient } from "./chaos-client";
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
};

export type Scenario = { name: string; run: (context: ScenarioContext) => Promise<void> };

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

export function newContext(server: ChaosServer, second: ChaosServer): ScenarioContext {
  const figures = new Figures();
  return { server, second, figures, expect: new Expectations(), client: new ChaosClient(server.origin, figures) };
}
