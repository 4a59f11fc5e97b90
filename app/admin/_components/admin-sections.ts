// The admin's sections, in navigation order: the shell's menu and the placeholder pages share this list.

export type AdminSection = { href: string; label: string; summary: string };

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { href: "/admin", label: "Dashboard", summary: "Today at a glance." },
  { href: "/admin/orders", label: "Orders", summary: "Find, fulfil, cancel and refund orders, each with its full history." },
  { href: "/admin/customers", label: "Customers", summary: "Customers, their orders and their marketing consent." },
  { href: "/admin/inventory", label: "Inventory", summary: "Stock levels, adjustments with reasons, and bulk updates." },
  { href: "/admin/products", label: "Products", summary: "Products, variants, prices, images and collections." },
  { href: "/admin/collections", label: "Collections", summary: "Collections, their products and the order the shop shows them in." },
  { href: "/admin/updates", label: "Shop updates", summary: "Scheduled drops: colourways released at a minute, limits per customer, holds and the live view." },
  { href: "/admin/discounts", label: "Discounts", summary: "Discount codes, their limits and how often they are used." },
  { href: "/admin/shipping", label: "Shipping", summary: "Shipping zones, countries and weight-banded rates." },
  { href: "/admin/analytics", label: "Analytics", summary: "Sales over time, best sellers and exports." },
  { href: "/admin/pages", label: "Pages", summary: "About, Shipping & returns, Privacy, Terms and your own pages, in Markdown." },
  { href: "/admin/emails", label: "Emails", summary: "Every email the shop sent or tried to send, with retries." },
  { href: "/admin/settings", label: "Settings", summary: "Store name, currency, order numbers, trader details, home text, announcement and maintenance mode." },
  { href: "/admin/staff", label: "Staff", summary: "Who may sign in to the admin, as owner or staff." },
  { href: "/admin/account", label: "My account", summary: "Your own sign-in: change your password." },
];

export function adminSection(href: string): AdminSection {
  const section = ADMIN_SECTIONS.find((candidate) => candidate.href === href);
  if (!section) throw new Error(`Unknown admin section ${href}`);
  return section;
}
