// A friendly "nothing here" panel with one way forward.
import Link from "next/link";
import type { ReactNode } from "react";

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center">
      <p className="font-serif text-xl font-semibold text-brand-900">{title}</p>
      {children ? <div className="mx-auto mt-2 max-w-md text-stone-600">{children}</div> : null}
      {action ? (
        <Link href={action.href} className="mt-6 inline-flex rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
