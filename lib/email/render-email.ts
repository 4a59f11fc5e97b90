// Turns a React Email element into what the outbox stores: subject, HTML and its plain-text part.
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * React rendering is CPU work of several milliseconds: call this before `writeTransaction`, never
 * inside it, so the writer lock is not held while React renders.
 */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const html = await render(element);
  return { subject, html, text: toPlainText(html) };
}
