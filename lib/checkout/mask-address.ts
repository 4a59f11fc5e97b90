// A delivery address as the checkout may show it to whoever typed an email: enough to recognise, not to read.
import type { PostalAddress } from "@/lib/db/schema";

const initial = (word: string) => `${word.slice(0, 1).toUpperCase()}…`;

/** "3 Weavers Row" → "3 W…": a leading house number stays, the street keeps its first letter. */
function maskStreet(line: string): string {
  const [first = "", second = ""] = line.trim().split(/\s+/);
  if (/^\d+[a-z]?$/i.test(first)) return second ? `${first} ${initial(second)}` : first;
  return first ? initial(first) : "";
}

/** "HX1 1AA" → "HX1 …" (the outward part of a UK-style code); "10115" → "10…". */
function maskPostalCode(code: string): string {
  const trimmed = code.trim().toUpperCase();
  const space = trimmed.indexOf(" ");
  if (space > 0) return `${trimmed.slice(0, space)} …`;
  return trimmed ? `${trimmed.slice(0, 2)}…` : "";
}

/**
 * "Grace Hopper, 3 Weavers Row, Halifax HX1 1AA" → "G. H., 3 W…, H…, HX1 …". Anyone may type an
 * email at checkout, so the shopper recognises their own parcel's address without a stranger
 * learning where that email's owner lives.
 */
export function maskAddress(address: Pick<PostalAddress, "name" | "line1" | "city" | "postalCode">): string {
  const initials = address.name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word.slice(0, 1).toUpperCase()}.`)
    .join(" ");
  const city = address.city.trim();
  return [initials, maskStreet(address.line1), city ? initial(city) : "", maskPostalCode(address.postalCode)].filter(Boolean).join(", ");
}
