// Production servers the harness starts itself (`next start`, as playwright.config.ts's webServer does), and kills.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { CHAOS_DIR, originOf, serverEnv } from "./chaos-env";

const READY_TIMEOUT_MS = 60_000;

export class ChaosServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** Lines the server logged as unhandled errors (the route wrapper's 500s), for the report. */
  readonly errorLines: string[] = [];
  /** A scenario's own settings over the run's (Scenario.server), kept until replaced. */
  private overrides: Record<string, string> = {};

  constructor(readonly port: number) {}

  /** Stops the server and starts it again with `overrides` over the run's settings. */
  async restartWith(overrides: Record<string, string>): Promise<void> {
    await this.stop();
    this.overrides = overrides;
    await this.start();
  }

  get origin(): string {
    return originOf(this.port);
  }

  /**
   * Starts `next start` on 127.0.0.1 and waits for GET /api/health to answer 200, for at most
   * `readyTimeoutMs` (a restart into a crowd of shoppers is slower to answer than a start into silence).
   */
  async start(readyTimeoutMs = READY_TIMEOUT_MS): Promise<void> {
    if (this.child) throw new Error(`The server on ${this.port} is already running.`);
    // Something else answering there would be taken for our server, with another database behind it.
    const squatter = await fetch(`${this.origin}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (squatter) throw new Error(`Port ${this.port} is already in use; stop what listens there or set CHAOS_PORT / CHAOS_SECOND_PORT.`);
    const log = createWriteStream(path.join(CHAOS_DIR, `server-${this.port}.log`), { flags: "a" });
    // next's own binary, not `npm start`: the pid is then the server's, so SIGKILL reaches it and
    // nothing else. It gets a process group of its own, in case it ever forks workers.
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(this.port), "--hostname", "127.0.0.1"],
      {
        env: { ...serverEnv(this.port), ...this.overrides },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.pipe(log, { end: false });
      stream.on("data", (chunk: Buffer) => {
        for (const line of chunk.toString("utf8").split("\n")) if (line.includes("unhandled error")) this.errorLines.push(line.trim());
      });
    }
    await this.waitUntilHealthy(readyTimeoutMs);
  }

  private async waitUntilHealthy(readyTimeoutMs: number): Promise<void> {
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`The server on ${this.port} exited during start-up; see ${CHAOS_DIR}/server-${this.port}.log.`);
      const health = await fetch(`${this.origin}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (health?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`The server on ${this.port} was not healthy within ${readyTimeoutMs / 1000} s.`);
  }

  /** For the harness's own exit, when nothing can be awaited any more. */
  killNow(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }

  /** SIGKILL: no shutdown hooks, no flushing; whatever was mid-transaction is cut off. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) {
      this.child = null;
      return;
    }
    try {
      process.kill(-child.pid, signal); // the group this server leads (see start)
    } catch {
      child.kill(signal);
    }
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000));
    await Promise.race([this.exited, timeout]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, "SIGKILL");
    await this.exited;
    this.child = null;
  }
}
