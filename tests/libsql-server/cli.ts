// CLI: `tsx tests/libsql-server/cli.ts --db <file> --port N [--token T] [--delay-ms D]`; prints its URL when ready.
import { parseArgs } from "node:util";
import { startHranaServer } from "./hrana-server";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    token: { type: "string" },
    "delay-ms": { type: "string", default: "0" },
    "stream-idle-ms": { type: "string", default: "10000" },
    "busy-timeout-ms": { type: "string", default: "5000" },
  },
});

if (!values.db) {
  console.error("usage: tsx tests/libsql-server/cli.ts --db <file> --port N [--token T] [--delay-ms D]");
  process.exit(2);
}

const server = await startHranaServer({
  dbPath: values.db,
  port: Number(values.port),
  host: values.host,
  token: values.token,
  delayMs: Number(values["delay-ms"]),
  streamIdleMs: Number(values["stream-idle-ms"]),
  busyTimeoutMs: Number(values["busy-timeout-ms"]),
});
console.log(`libSQL protocol server listening on ${server.url}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
