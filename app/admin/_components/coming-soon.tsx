// The honest state of a section a later release builds: what it will do, and where to go meanwhile.
import Link from "next/link";
import type { AdminSection } from "./admin-sections";

export function ComingSoon({ section }: { section: AdminSection }) {
  return (
    <section aria-labelledby="coming-soon-heading">
      <h1 id="coming-soon-heading" className="font-serif text-2xl font-semibold text-brand-900">
        {section.label}
      </h1>
      <div className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6">
        <p className="font-medium">This section is coming in a later release.</p>
        <p className="mt-2 text-stone-600">{section.summary}</p>
        <p className="mt-4 text-sm">
          <Link href="/admin" className="text-brand-700 underline underline-offset-2">
            Back to the dashboard
          </Link>
        </p>
      </div>
    </section>
  );
}
