// The development transport: nothing leaves the machine; the outbox row itself is the captured mail (read it at /admin/emails).
import { randomUUID } from "node:crypto";
import type { EmailTransport } from "./email-transport";

export function captureTransport(): EmailTransport {
  return {
    name: "capture",
    async send() {
      return { ok: true, providerMessageId: `captured-${randomUUID()}` };
    },
  };
}
