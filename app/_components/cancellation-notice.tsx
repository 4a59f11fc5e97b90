// The distance-selling notice a UK shop must give before the shopper pays: the 14-day right to cancel, and the Terms when published.
import Link from "next/link";

export function CancellationNotice({ termsHref, className = "" }: { termsHref: string | null; className?: string }) {
  return (
    <p className={`text-xs text-stone-600 ${className}`}>
      You can cancel within 14 days of receiving your order for a refund.
      {termsHref ? (
        <>
          {" "}
          See our{" "}
          <Link href={termsHref} className="font-medium text-brand-700 underline underline-offset-2">
            terms
          </Link>
          .
        </>
      ) : null}
    </p>
  );
}
