// Turns a React Email element into what the outbox stores: subject, HTML and its plain-text part.
import { compile } from "html-to-text";
import { plainTextSelectors, render } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * React Email's toPlainText with its options compiled once: the same text (a test compares them),
 * but toPlainText compiles html-to-text's selectors on every call, which was 80% of the conversion
 * and an eighth of a webhook order's CPU.
 */
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

/**
 * React rendering is CPU work of a few milliseconds: call this before `writeTransaction`, never
 * inside it, so the writer lock is not held while React renders.
 */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}
