// Picks the transport EMAIL_TRANSPORT names (lib/env.ts decides the default and what production lacks).
import { env } from "@/lib/env";
import { captureTransport } from "./capture-transport";
import type { EmailTransport } from "./email-transport";
import { resendTransport } from "./resend-transport";

/**
 * Null when email is closed (production chose Resend without RESEND_API_KEY): the rows then wait in
 * the outbox, and are sent by the first drain after the key is set.
 */
export function getEmailTransport(): EmailTransport | null {
  const current = env();
  if (current.emailTransport === "capture") return captureTransport();
  if (current.closedParts.email || !current.RESEND_API_KEY) return null;
  return resendTransport({ apiKey: current.RESEND_API_KEY, baseUrl: current.RESEND_BASE_URL });
}
