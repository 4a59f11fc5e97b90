// Test helper: a local HTTP server that answers like Resend's POST /emails, scripted per request.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type StandInRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };

/** A scripted answer: an HTTP status with Resend's error body, or `drop` to cut the connection. */
export type StandInAnswer = { status: number; name?: string; message?: string } | "drop";

export type ResendStandIn = {
  url: string;
  requests: StandInRequest[];
  /** Answers for the next requests, in order; after them every request succeeds. */
  script: (...answers: StandInAnswer[]) => void;
  /** Requests carrying this Idempotency-Key. */
  requestsFor: (idempotencyKey: string) => StandInRequest[];
  /** Distinct emails accepted: like Resend, a key already accepted answers with the same id. */
  accepted: Map<string, string>;
  close: () => Promise<void>;
};

/** `delayMs`: how long each answer takes, so concurrent senders really overlap. */
export async function startResendStandIn(options: { delayMs?: number } = {}): Promise<ResendStandIn> {
  const requests: StandInRequest[] = [];
  const queue: StandInAnswer[] = [];
  const accepted = new Map<string, string>();
  let nextId = 1;

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => setTimeout(answer, options.delayMs ?? 0));
    const answer = () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body });
      const answer = queue.shift();
      if (answer === "drop") {
        request.socket.destroy();
        return;
      }
      if (answer && answer.status >= 400) {
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(JSON.stringify({ statusCode: answer.status, name: answer.name ?? "application_error", message: answer.message ?? `failed with ${answer.status}` }));
        return;
      }
      const key = String(request.headers["idempotency-key"] ?? `no-key-${nextId}`);
      if (!accepted.has(key)) accepted.set(key, `re_standin_${nextId++}`);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: accepted.get(key) }));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...answers) => queue.push(...answers),
    requestsFor: (key) => requests.filter((request) => request.headers["idempotency-key"] === key),
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
