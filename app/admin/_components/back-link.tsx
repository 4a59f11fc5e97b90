// The link above an admin page's heading that leads back to the list it belongs to.
import Link from "next/link";
import type { ReactNode } from "react";

export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link href={href} className="text-brand-700 underline underline-offset-2">
        {children}
      </Link>
    </p>
  );
}
