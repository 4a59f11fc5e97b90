"use client";
// Shows the shop's header and footer everywhere except the owner's admin and the local payment page.
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** Those areas have chrome of their own; the payment page stands in for a provider's hosted page. */
const WITHOUT_SHOP_CHROME = ["/admin", "/checkout/local"];

export function ShopFrame({ header, footer, children }: { header: ReactNode; footer: ReactNode; children: ReactNode }) {
  const pathname = usePathname() ?? "/";
  const isBare = WITHOUT_SHOP_CHROME.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  return (
    <>
      {isBare ? null : header}
      <div id="content" className="flex flex-1 flex-col">
        {children}
      </div>
      {isBare ? null : footer}
    </>
  );
}
