// Inline styles shared by the shop's emails (mail clients ignore stylesheets and flexbox; tables and inline styles work).
import type { PostalAddress } from "@/lib/db/schema";
import { addressLines } from "@/lib/shipping/address-lines";

export const pageStyle = { backgroundColor: "#f7f5f2", fontFamily: "Georgia, 'Times New Roman', serif", color: "#292524" };
/** At most 560px wide and fluid below it: readable on a phone without sideways scrolling. */
export const cardStyle = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px", maxWidth: "560px", borderRadius: "8px" };
export const mutedStyle = { color: "#57534e", fontSize: "14px", lineHeight: "20px" };
export const cellStyle = { fontSize: "15px", padding: "3px 0" };
/** Underlined and dark enough to read as a link on white (React Email's default blue is too light). */
export const linkStyle = { color: "#3d5630", textDecoration: "underline" };

export function formatAddress(address: PostalAddress): string {
  return addressLines(address).join(", ");
}
