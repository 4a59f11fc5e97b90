import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { idParams } from "@/lib/http/id-param";
import { STORE_TIME_ZONE } from "@/lib/time";
import { getWaitingRoomPage } from "@/lib/updates/waiting-room-page";
import { WaitingRoom } from "./_components/waiting-room";

export const metadata: Metadata = { title: "Waiting room", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

const opening = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/**
 * The page itself reads the update (its name and products), never the shopper's place: that comes
 * from the room's token through /api/updates/[id]/queue, which the page polls, so a crowd
 * refreshing at the minute costs the database nothing per refresh.
 */
export default async function WaitingRoomPage({ params }: Props) {
  await connection();
  const parsed = idParams.safeParse(await params);
  if (!parsed.success) notFound();
  const page = await getWaitingRoomPage(await db(), parsed.data.id, new Date().toISOString());
  if (!page || page.state === "cancelled") notFound();
  const hasRoom = page.admitPerMinute !== null && page.state !== "closed";
  return (
    <main className="mx-auto w-full max-w-xl flex-1 px-4 py-10">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-700">Waiting room</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold text-brand-900">{page.name}</h1>
      {hasRoom ? (
        <>
          <p className="mt-3 text-stone-700">
            Opens {opening.format(new Date(page.liveAt))}. We let shoppers in a few at a time so everyone gets a fair go and the shop stays quick.
            Everyone who joins before the opening minute gets a place in a random draw, so there’s no need to refresh at the last second.
          </p>
          <WaitingRoom updateId={page.updateId} products={page.products} holdMinutes={page.holdMinutes} />
        </>
      ) : (
        <div className="mt-4">
          <p className="text-stone-700">{page.state === "closed" ? "This update has ended. Whatever is left is in the shop." : "There is no queue for this update: go straight to the yarn."}</p>
          <Link href={page.products[0] ? `/products/${page.products[0].slug}` : "/products"} className="mt-6 inline-block rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
            Go to the shop
          </Link>
        </div>
      )}
    </main>
  );
}
