"use client";
// The admin menu: a sidebar from tablet width up, a collapsible panel on phones.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import type { AdminSection } from "./admin-sections";

function isCurrent(pathname: string, href: string): boolean {
  if (href === "/admin") return pathname === "/admin";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function AdminNav({ sections, footer }: { sections: readonly AdminSection[]; footer: ReactNode }) {
  const pathname = usePathname();
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const current = sections.find((section) => isCurrent(pathname, section.href));

  return (
    <>
      <button
        type="button"
        className="inline-flex items-center gap-2 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium md:hidden"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
      >
        <span aria-hidden="true">{isOpen ? "✕" : "☰"}</span>
        <span>Menu</span>
        {current ? <span className="sr-only">, now on {current.label}</span> : null}
      </button>
      <div
        id={panelId}
        className={`${isOpen ? "block" : "hidden"} absolute inset-x-0 top-full z-20 border-b border-stone-200 bg-white p-3 shadow-lg md:static md:block md:border-0 md:bg-transparent md:p-0 md:shadow-none`}
      >
        <nav aria-label="Admin">
          <ul className="grid gap-1 sm:grid-cols-2 md:grid-cols-1">
            {sections.map((section) => {
              const active = isCurrent(pathname, section.href);
              return (
                <li key={section.href}>
                  <Link
                    href={section.href}
                    aria-current={active ? "page" : undefined}
                    onClick={() => setIsOpen(false)}
                    className={`block rounded-md px-3 py-2 text-sm ${
                      active ? "bg-brand-700 font-semibold text-white" : "text-stone-700 hover:bg-brand-100"
                    }`}
                  >
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="mt-3 border-t border-stone-200 pt-3 md:hidden">{footer}</div>
      </div>
    </>
  );
}
