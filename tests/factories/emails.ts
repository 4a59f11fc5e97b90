// Test factories for the email outbox: a paid order with its queued confirmation, and the transport settings.
import { eq } from "drizzle-orm";
import { vi } from "vitest";
import type { Db } from "@/lib/db";
import { emailOutbox, orderEvents } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { buildCheckoutSessionEvent } from "@/tests/factories/stripe-event";
import { createCheckout } from "./checkout";
import { withFreshClient } from "./fresh-client";
import { createVariant } from "./product";
import { deliver } from "./webhook";

/** A paid order through the real webhook: its confirmation is pending in the outbox. */
export async function createOrderWithQueuedEmail(options: { email?: string } = {}): Promise<{ orderId: number; outboxId: number }> {
  const variant = await createVariant({ stock: 5 });
  const checkout = await createCheckout({ lines: [{ variant, quantity: 1 }], email: options.email ?? "ada@example.com" });
  const response = await deliver(buildCheckoutSessionEvent(checkout));
  const { orderId } = (await response.json()) as { orderId: number };
  const row = await withFreshClient(async (db) => (await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.orderId, orderId)))[0]);
  if (!row) throw new Error("createOrderWithQueuedEmail: no confirmation was queued");
  return { orderId, outboxId: row.id };
}

export function useCaptureTransport(): void {
  vi.stubEnv("EMAIL_TRANSPORT", "capture");
  resetEnvForTests();
}

export function useResendTransport(baseUrl: string): void {
  vi.stubEnv("EMAIL_TRANSPORT", "resend");
  vi.stubEnv("RESEND_API_KEY", "re_test_key");
  vi.stubEnv("RESEND_BASE_URL", baseUrl);
  vi.stubEnv("EMAIL_FROM", "Hedgerow Dye Works <orders@hedgerow.example>");
  resetEnvForTests();
}

export function restoreTransportEnv(): void {
  vi.unstubAllEnvs();
  resetEnvForTests();
}

export async function readOutboxRow(db: Db, id: number) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row!;
}

export async function emailEventsOf(db: Db, orderId: number) {
  const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
  return events.filter((event) => event.type.startsWith("email_"));
}
