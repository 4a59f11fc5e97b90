// "This update has a waiting room": the product page's way in, in place of adding straight to the cart while the room is on.
import Link from "next/link";

/**
 * For the product page of an update with a room (admitPerMinute set), and for a cart refusal of
 * not_admitted (its `roomUrl`). A link, not a button: the room is a page of its own a shopper can
 * keep open on a phone.
 */
export function WaitingRoomLink({ href, updateName }: { href: string; updateName?: string }) {
  return (
    <div className="rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900" data-testid="waiting-room-link">
      <p>{updateName ? `${updateName} has a waiting room` : "This update has a waiting room"}: shoppers are let in a few at a time, in a fair order.</p>
      <Link href={href} className="mt-2 inline-block font-semibold text-brand-700 underline hover:text-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
        Join the queue
      </Link>
    </div>
  );
}
