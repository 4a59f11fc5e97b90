// Placeholders rendered into an email before the write transaction and filled in inside it by string substitution.
import { randomBytes } from "node:crypto";
import type { RenderedEmail } from "./render-email";

/**
 * A per-process nonce keeps shopper-typed text (a name, an address line) from ever matching a slot.
 * Letters, digits and underscores only: React escapes none of them and the text conversion keeps them.
 */
const NONCE = randomBytes(6).toString("hex");

export function slotToken(name: string): string {
  return `slot_${NONCE}_${name}_`;
}

/** What React's server renderer escapes in text and attribute values, the same way it does. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * Replaces each slot with its value: raw in the subject and the text part, escaped in the HTML, so
 * the result is what rendering with the value in the first place would have produced.
 */
export function fillSlots(email: RenderedEmail, values: Record<string, string>): RenderedEmail {
  let { subject, html, text } = email;
  for (const [name, value] of Object.entries(values)) {
    const token = slotToken(name);
    subject = subject.replaceAll(token, () => value);
    html = html.replaceAll(token, () => escapeHtml(value));
    text = text.replaceAll(token, () => value);
  }
  return { subject, html, text };
}

/**
 * Removes a paragraph that the email was rendered with (`<p …>content</p>` in the HTML, its own
 * block in the text part), as if the template had left it out.
 */
export function removeParagraph(email: RenderedEmail, content: string): RenderedEmail {
  const escaped = escapeHtml(content).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const paragraph = new RegExp(`<p\\b[^>]*>${escaped}</p>`);
  if (!paragraph.test(email.html) || !email.text.includes(`${content}\n\n`)) {
    throw new Error("removeParagraph: the paragraph is not in the rendered email");
  }
  return { subject: email.subject, html: email.html.replace(paragraph, ""), text: email.text.replace(`${content}\n\n`, "") };
}
