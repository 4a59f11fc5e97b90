// /waitlist/unsubscribe – confirms leaving a colourway's waitlist (a link preview must not unsubscribe; the button posts).
import type { Metadata } from "next";
import { connection } from "next/server";
import { AppError } from "@/lib/app-error";
import { readUnsubscribeTarget, type UnsubscribeTarget } from "@/lib/waitlist/unsubscribe";
import { WAITLIST_UNSUBSCRIBE_API, waitlistUnsubscribePath } from "@/lib/email/waitlist-unsubscribe-token";

export const metadata: Metadata = {
  title: "Unsubscribe",
  robots: { index: false, follow: false },
  // The signed token is in this page's URL: never send it onwards in a Referer header.
  referrer: "no-referrer",
};

type UnsubscribePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function targetOf(token: string | null): Promise<UnsubscribeTarget | null> {
  if (!token) return null;
  try {
    return await readUnsubscribeTarget(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

export default async function UnsubscribePage({ searchParams }: UnsubscribePageProps) {
  await connection(); // per request from the database, never at build time
  const query = await searchParams;
  const token = typeof query.token === "string" && query.token.length > 0 ? query.token : null;
  const target = await targetOf(token);
  return (
    <main className="mx-auto max-w-md px-4 py-10">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">{target?.isUnsubscribed ? "You are unsubscribed" : "Unsubscribe"}</h1>
      {!target || !token ? (
        <p className="mt-2 text-stone-700">This unsubscribe link is not valid. Copy the whole link from the email, or reply to it and we will take you off the list.</p>
      ) : target.isUnsubscribed ? (
        <p className="mt-2 text-stone-700">
          We will not email you about {target.colourway ?? "this colourway"} again.
        </p>
      ) : (
        <>
          <p className="mt-2 text-stone-700">Stop the email we would send you when {target.colourway} is back?</p>
          <form method="post" action={waitlistUnsubscribePath(WAITLIST_UNSUBSCRIBE_API, token)} className="mt-6">
            <button
              type="submit"
              className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 sm:w-auto"
            >
              Unsubscribe
            </button>
          </form>
        </>
      )}
    </main>
  );
}
