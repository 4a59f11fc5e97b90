// npm run test:chaos [--rtt MS | --libsql-server] [scenario …] – fault and load scenarios against production servers on a fresh database, then db:check.
//
// Needs `npm run build` first. Starts `next start` itself on 127.0.0.1 (CHAOS_PORT, default 3208;
// the two-process scenario adds CHAOS_SECOND_PORT, default 3218), loopback only, and stops it at
// the end; CHAOS_RUN_LIMIT_MINUTES replaces the run's time bound on a machine busy with other work. Name scenarios to run only those (e.g. `npm run test:chaos -- crash`); db:check always runs.
// `--rtt 5` runs everything as if the database were Turso 5 ms away (DATABASE_SIMULATED_RTT_MS for
// the servers and for the harness's own reads and writes), e.g. `npm run test:chaos -- --rtt 5 crash`.
// `--libsql-server` puts tests/libsql-server in front of the seeded file (LIBSQL_SERVER_PORT, default
// 4306) and points the servers, the harness and db:check at it: the client's remote path, as on Turso.
import "./chaos-env";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { closeDb, connectionConfig } from "@/lib/db";
import { CHAOS_DIR, DATABASE_FILE, LIBSQL_SERVER_PORT, LIBSQL_SERVER_TOKEN, PORTS, RUN_LIMIT_MINUTES, scriptEnv, simulateRoundTrips, useLibsqlServer } from "./chaos-env";
import { ChaosServer } from "./chaos-server";
import { crash } from "./crash";
import { hostileInput } from "./hostile-input";
import { scarceStockStorm } from "./scarce-stock-storm";
import { newContext, type RunNetwork, type Scenario } from "./scenario";
import { shopUpdateStorm } from "./shop-update-storm";
import { twoProcesses } from "./two-processes";
import { webhookStorm } from "./webhook-storm";
import { spawnLibsqlServer, type SpawnedLibsqlServer } from "../libsql-server/spawn-libsql-server";

// Crash kills the main server and leaves a restarted one behind; the shop update storm restarts it
// with settings of its own (Scenario.server), so it comes after everything that runs on the run's.
const SCENARIOS: Scenario[] = [hostileInput, scarceStockStorm, webhookStorm, twoProcesses, crash, shopUpdateStorm];

/** lib/env's bound for DATABASE_SIMULATED_RTT_MS. */
const MAX_RTT_MS = 1000;
const USAGE = "usage: npm run test:chaos -- [--rtt MS | --libsql-server] [scenario …]";

type Arguments = { rttMs: number; libsqlServer: boolean; names: string[] };

/** `[--rtt MS | --rtt=MS | --libsql-server] [scenario …]`, or why they cannot be run. */
function parseArguments(args: readonly string[]): Arguments | { error: string } {
  const names: string[] = [];
  let rttMs = 0;
  let libsqlServer = false;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const inline = /^--rtt=(.*)$/.exec(arg);
    if (arg === "--rtt" || inline) {
      const value = inline ? inline[1] : args[(i += 1)];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > MAX_RTT_MS)
        return { error: `--rtt takes whole milliseconds from 0 to ${MAX_RTT_MS}, not ${value ?? "nothing"} (${USAGE}).` };
      rttMs = Number(value);
    } else if (arg === "--libsql-server") {
      libsqlServer = true;
    } else if (arg.startsWith("-")) {
      return { error: `Unknown option ${arg} (${USAGE}).` };
    } else {
      names.push(arg);
    }
  }
  // The protocol server is a real network hop; a simulated one on top would count the wait twice.
  if (libsqlServer && rttMs > 0) return { error: `--rtt simulates a network on a file database; --libsql-server already has one (${USAGE}).` };
  return { rttMs, libsqlServer, names };
}

// Before main() and anything else reads lib/env, which keeps the first values it sees.
const parsed = parseArguments(process.argv.slice(2));
const simulatedRttMs = "rttMs" in parsed ? parsed.rttMs : 0;
simulateRoundTrips(simulatedRttMs);
const throughLibsqlServer = "libsqlServer" in parsed && parsed.libsqlServer;
if (throughLibsqlServer) useLibsqlServer();

/**
 * The whole run is bounded: past this, it stops its servers and fails. A simulated round trip
 * legitimately slows everything that writes (each write holds the one lock for all its round trips),
 * so the bound grows with it: half a minute more per simulated ms (measured on 2 cores: 34 s at 0 ms,
 * 137 s at 5 ms, 416 s at 20 ms — see the README), and three minutes more for the shop update storm
 * (its 20 s arrival window, the minute's storm, a restart; at 20 ms under --rtt).
 */
const RUN_LIMIT_MS = (RUN_LIMIT_MINUTES ?? 4.5 + simulatedRttMs / 2 + (throughLibsqlServer ? 12 : 0) + 3) * 60_000;

const servers = PORTS.map((port) => new ChaosServer(port)) as [ChaosServer, ChaosServer];

let libsqlServer: SpawnedLibsqlServer | undefined;

async function stopServers(): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
  await libsqlServer?.stop();
}

function runScript(script: "db:seed" | "db:check"): number {
  const result = spawnSync("npm", ["run", "--silent", script], { env: scriptEnv(script), stdio: "inherit" });
  return result.status ?? 1;
}

async function main(): Promise<number> {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("No production build: run `npm run build` first.");
    return 2;
  }
  if ("error" in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const only = parsed.names;
  const chosen = only.length ? SCENARIOS.filter((scenario) => only.some((name) => scenario.name.includes(name))) : SCENARIOS;
  if (chosen.length === 0) {
    console.error(`No scenario matches ${only.join(", ")}; scenarios: ${SCENARIOS.map((scenario) => scenario.name).join(", ")}.`);
    return 2;
  }

  const runStarted = performance.now();
  rmSync(CHAOS_DIR, { recursive: true, force: true });
  mkdirSync(CHAOS_DIR, { recursive: true });
  if (runScript("db:seed") !== 0) return 1;
  if (throughLibsqlServer) libsqlServer = await spawnLibsqlServer({ dbFile: DATABASE_FILE, port: LIBSQL_SERVER_PORT, token: LIBSQL_SERVER_TOKEN });
  await servers[0].start();
  // Read back from lib/db's own settings: the harness's clients wait exactly what the servers were given.
  const rttMs = connectionConfig().simulatedRttMs ?? 0;
  const network = throughLibsqlServer
    ? `through the libSQL protocol server at ${connectionConfig().url}`
    : rttMs > 0
      ? `simulated database round trip ${rttMs} ms`
      : "no simulated round trip";
  console.log(`Chaos run against ${servers[0].origin} (production build, fresh database ${CHAOS_DIR}/store.db, ${network}).`);

  const failed: string[] = [];
  const runNetwork: RunNetwork = { simulatedRttMs: rttMs, throughLibsqlServer };
  let serverSettings = "{}";
  for (const scenario of chosen) {
    console.log(`\n== ${scenario.name}`);
    const wanted = scenario.server?.(runNetwork) ?? {};
    if (JSON.stringify(wanted) !== serverSettings) {
      await servers[0].restartWith(wanted);
      serverSettings = JSON.stringify(wanted);
      console.log(`  (main server restarted with ${Object.keys(wanted).length ? Object.entries(wanted).map(([name, value]) => `${name}=${value}`).join(", ") : "the run's settings"})`);
    }
    const context = newContext(servers[0], servers[1], runNetwork);
    try {
      await scenario.run(context);
    } catch (error) {
      context.expect.that(false, "the scenario ran to the end", error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    context.figures.print(scenario.name);
    if (context.expect.failures.length > 0) failed.push(`${scenario.name} (${context.expect.failures.length} failed)`);
  }

  await Promise.all(servers.map((server) => server.stop()));
  await closeDb();
  const logged = servers.flatMap((server) => server.errorLines);
  if (logged.length > 0) console.log(`\nServers logged ${logged.length} unhandled error(s); see ${CHAOS_DIR}/server-*.log. First: ${logged[0]}`);

  console.log("\n== npm run db:check");
  if (runScript("db:check") !== 0) failed.push("db:check");
  await libsqlServer?.stop();

  console.log(
    `\nChaos run finished in ${((performance.now() - runStarted) / 1000).toFixed(1)} s: ${chosen.length} scenario(s), ${failed.length === 0 ? "all passed" : `failed: ${failed.join(", ")}`}.`,
  );
  return failed.length === 0 ? 0 : 1;
}

// The servers run in process groups of their own, so they outlive the harness unless it stops them:
// on Ctrl-C or a cancelled CI job, and on any exit (a crash, a closed stdout pipe).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopServers().finally(() => process.exit(130));
  });
}
process.on("exit", () => {
  servers.forEach((server) => server.killNow());
  libsqlServer?.killNow();
});

const watchdog = setTimeout(() => {
  console.error(`\nThe chaos run exceeded ${RUN_LIMIT_MS / 60_000} minutes; stopping.`);
  void stopServers().finally(() => process.exit(1));
}, RUN_LIMIT_MS);

main()
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stopServers();
    return 1;
  })
  .then((code) => {
    clearTimeout(watchdog);
    process.exit(code);
  });
