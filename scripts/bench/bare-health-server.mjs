// The bench's fixed floor: a bare node:http server answering GET /api/health's JSON, no framework, no database.
// Run as its own process (node scripts/bench/bare-health-server.mjs <port>), as `next start` is, so the
// load generator never shares its event loop. Its figure moves with the machine, never with the shop's code.
import { createServer } from "node:http";

const BODY = JSON.stringify({ ok: true, db: "ok" });
const port = Number(process.argv[2]);

createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(BODY) });
  response.end(BODY);
}).listen(port, "127.0.0.1", () => console.log(`bare health server on ${port}`));
