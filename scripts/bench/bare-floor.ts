// The bare node:http floor (scripts/bench/bare-health-server.mjs) as a child process of the bench, on loopback.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { originOf } from "./bench-env";

const READY_TIMEOUT_MS = 10_000;

export type BareServer = { origin: string; stop(): Promise<void>; killNow(): void };

export async function startBareServer(port: number): Promise<BareServer> {
  const squatter = await fetch(`${originOf(port)}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
  if (squatter) throw new Error(`Port ${port} is already in use; stop what listens there or set BENCH_PORT.`);
  const child: ChildProcess = spawn(process.execPath, [path.join("scripts", "bench", "bare-health-server.mjs"), String(port)], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: BareServer = {
    origin: originOf(port),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    killNow() {
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The bare floor server on ${port} exited during start-up.`);
    if ((await fetch(`${server.origin}/api/health`, { signal: AbortSignal.timeout(1_000) }).catch(() => null))?.ok) return server;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.killNow();
  throw new Error(`The bare floor server on ${port} did not answer within ${READY_TIMEOUT_MS / 1000} s.`);
}
