// A `next start` production server for one part of the bench, on loopback, with its own log file.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { BENCH_DIR, originOf, serverEnv } from "./bench-env";

const READY_TIMEOUT_MS = 90_000;

export class BenchServer {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly port: number,
    readonly databaseUrl: string,
    readonly rttMs = 0,
    readonly authToken?: string,
    /** Settings of this part alone over the bench's (the shop update storm's TRUSTED_PROXY). */
    readonly extraEnv: Record<string, string> = {},
  ) {}

  get origin(): string {
    return originOf(this.port);
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error("The server is not running");
    return this.child.pid;
  }

  /** Starts next's own binary (so the pid is the server's) and waits for GET /api/health. */
  async start(): Promise<void> {
    const squatter = await fetch(`${this.origin}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (squatter) throw new Error(`Port ${this.port} is already in use; stop what listens there or set BENCH_PORT.`);
    const log = createWriteStream(path.join(BENCH_DIR, `server-${this.port}-${this.databaseUrl.startsWith("http") ? "libsql-server" : `rtt${this.rttMs}`}.log`), { flags: "a" });
    const child = spawn(
      process.execPath,
      [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--port", String(this.port), "--hostname", "127.0.0.1"],
      { env: { ...serverEnv(this.port, this.databaseUrl, this.rttMs), ...(this.authToken ? { DATABASE_AUTH_TOKEN: this.authToken } : {}), ...this.extraEnv }, stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server on ${this.port} exited during start-up; see ${log.path}.`);
      const health = await fetch(`${this.origin}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
      if (health?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`The server on ${this.port} was not healthy within ${READY_TIMEOUT_MS / 1000} s.`);
  }

  /** SIGTERM to the server's process group, then wait for it to exit. */
  async stop(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null || this.child?.signalCode !== null) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
    await this.exited;
    this.child = null;
  }

  /** For the runner's own exit, when nothing can be awaited any more. */
  killNow(): void {
    const pid = this.child?.pid;
    if (!pid || this.child?.exitCode !== null) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
