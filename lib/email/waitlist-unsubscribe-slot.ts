// The one-click unsubscribe address every waitlist email carries, as a slot filled per recipient after rendering.
import type { RenderedEmail } from "./render-email";

/**
 * A waitlist email is rendered once per colourway, before the transaction that queues it (no React
 * under the writer lock), with this address where the recipient's signed link goes; each queued
 * copy gets its own link. Shaped like a URL so rendering keeps it intact, in a reserved domain so a
 * copy that somehow kept it links nowhere.
 */
export const UNSUBSCRIBE_URL_SLOT = "https://unsubscribe-slot.invalid/waitlist";

const escapeHtml = (value: string) => value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function withUnsubscribeUrl(email: RenderedEmail, url: string): RenderedEmail {
  return {
    subject: email.subject,
    html: email.html.replaceAll(UNSUBSCRIBE_URL_SLOT, escapeHtml(url)),
    text: email.text.replaceAll(UNSUBSCRIBE_URL_SLOT, url),
  };
}
