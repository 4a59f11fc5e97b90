// Above the header while the shop is closed, for the signed-in owner only: what they see is not what shoppers see.
import Link from "next/link";

const londonTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

export function ClosedShopBanner({ endsAt }: { endsAt: string | null }) {
  return (
    <div role="region" aria-label="The shop is closed" className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
      <p>
        <strong className="font-semibold">The shop is closed (maintenance mode){endsAt ? ` until ${londonTime.format(new Date(endsAt))}` : ""}.</strong>{" "}
        Shoppers see the “We’ll be back soon” page; you see the shop because you are signed in.{" "}
        <Link href="/admin/settings" className="font-medium underline underline-offset-2 hover:text-amber-800 focus-visible:outline-2 focus-visible:outline-amber-900">
          Maintenance settings
        </Link>
      </p>
    </div>
  );
}
