// An email address as a page may show it to whoever is looking at the screen: enough to recognise, not to read.

/**
 * "ann.weaver@example.com" → "a…@example.com": the first character says which of the buyer's
 * addresses it is, the domain which inbox to check; the rest stays private. Anything that is not
 * an address is hidden whole.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1 || at === email.length - 1) return "…";
  return `${email.slice(0, 1)}…@${email.slice(at + 1)}`;
}
