"use client";
// The waiting room's live part: join (email optional), then the place, an estimate and "It's your turn", refreshed by itself.
import Link from "next/link";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { fetchJson } from "@/app/_components/fetch-json";
import { STORE_TIME_ZONE } from "@/lib/time";
import type { RoomStatus } from "@/lib/updates/waiting-room";

/** What the queue API answers: the status without its token (that stays in the httpOnly cookie). */
type Status = RoomStatus;

const clock = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, hour: "2-digit", minute: "2-digit" });

/** The poll answers from the shopper's token alone; this just keeps a phone left open from asking too often. */
const POLL_EVERY_MS = 20_000;

/** Spread the crowd's polls over a few seconds after a shared instant (the live minute), rather than all at once. */
const jitter = () => 500 + Math.random() * 3000;

function minutesText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? "about a minute" : `about ${minutes} minutes`;
}

function nextPollIn(status: Status): number | null {
  if (status.state === "early") return Math.min(POLL_EVERY_MS, Math.max(0, Date.parse(status.liveAt) - Date.now()) + jitter());
  if (status.state === "waiting") return Math.min(POLL_EVERY_MS, Math.max(0, Date.parse(status.admitsAt) - Date.now()) + jitter());
  return null;
}

export function WaitingRoom({ updateId, products, holdMinutes }: { updateId: number; products: { name: string; slug: string }[]; holdMinutes: number }) {
  const url = `/api/updates/${updateId}/queue`;
  const [status, setStatus] = useState<Status | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [isJoining, setIsJoining] = useState(false);
  const [now, setNow] = useState<number | null>(null);

  const poll = useCallback(async () => {
    const result = await fetchJson<Status>(url);
    if (result.ok) {
      setStatus(result.data);
      setProblem(null);
    } else {
      setProblem(result.problem.message);
    }
    setNow(Date.now());
  }, [url]);

  // The first read at once, then the next when the minute it waits for comes round (or sooner, on a timer).
  useEffect(() => {
    const wait = status === null ? 0 : nextPollIn(status);
    if (wait === null) return;
    const timer = setTimeout(() => void poll(), wait);
    return () => clearTimeout(timer);
  }, [status, poll]);

  const join = async (event: FormEvent) => {
    event.preventDefault();
    if (isJoining) return;
    setIsJoining(true);
    const result = await fetchJson<Status>(url, { method: "POST", body: { email } });
    setIsJoining(false);
    setNow(Date.now());
    if (result.ok) {
      setStatus(result.data);
      setProblem(null);
    } else {
      setProblem(result.problem.message);
    }
  };

  return (
    <section aria-labelledby="room-status-heading" className="mt-8 rounded-xl border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
      <div aria-live="polite" data-testid="room-status">
        {status === null && !problem ? <p className="text-stone-600">Checking your place…</p> : null}
        {status?.state === "absent" ? (
          <form onSubmit={join} noValidate={false}>
            <h2 id="room-status-heading" className="font-serif text-xl font-semibold text-brand-900">
              Join the queue
            </h2>
            <label htmlFor="room-email" className="mt-4 block text-sm font-medium text-stone-800">
              Email <span className="font-normal text-stone-600">(optional)</span>
            </label>
            <p id="room-email-hint" className="text-sm text-stone-600">
              With an email you keep the same place on another device. We only use it for your place in this queue.
            </p>
            <input
              id="room-email"
              type="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-describedby="room-email-hint"
              className="mt-2 w-full rounded-lg border border-stone-300 px-3 py-2 text-base focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-700/30"
            />
            <button
              type="submit"
              disabled={isJoining}
              className="mt-4 w-full rounded-full bg-brand-700 px-5 py-3 text-base font-semibold text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60 sm:w-auto"
            >
              {isJoining ? "Joining…" : "Join the queue"}
            </button>
          </form>
        ) : null}
        {status?.state === "early" ? (
          <div>
            <h2 id="room-status-heading" className="font-serif text-xl font-semibold text-brand-900">
              You’re in the queue
            </h2>
            <p className="mt-2 text-stone-700">
              At {clock.format(new Date(status.liveAt))} everyone waiting here gets a place in a random draw. Keep this page open: it updates by itself.
            </p>
          </div>
        ) : null}
        {status?.state === "waiting" ? (
          <div>
            <h2 id="room-status-heading" className="font-serif text-xl font-semibold text-brand-900">
              You are number {status.position} in the queue
            </h2>
            <p className="mt-2 text-stone-700">
              Your turn comes in {minutesText(Date.parse(status.admitsAt) - (now ?? Date.parse(status.admitsAt)))}, at {clock.format(new Date(status.admitsAt))}. Keep this page open: it updates by itself.
            </p>
          </div>
        ) : null}
        {status?.state === "admitted" ? (
          <div>
            <h2 id="room-status-heading" className="font-serif text-xl font-semibold text-brand-900">
              It’s your turn
            </h2>
            <p className="mt-2 text-stone-700">
              You can shop until {clock.format(new Date(status.passExpiresAt))}. Once you check out, your yarn is held for {holdMinutes} minutes while you pay.
            </p>
            <ul className="mt-4 flex flex-col gap-2">
              {(products.length > 0 ? products : [{ name: "the shop", slug: "" }]).map((product) => (
                <li key={product.slug}>
                  <Link
                    href={product.slug ? `/products/${product.slug}` : "/products"}
                    className="inline-block rounded-full bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                  >
                    Shop {product.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {status?.state === "closed" || status?.state === "no_room" ? (
          <div>
            <h2 id="room-status-heading" className="font-serif text-xl font-semibold text-brand-900">
              {status.state === "closed" ? "This update has ended" : "No queue right now"}
            </h2>
            <Link href="/products" className="mt-4 inline-block font-semibold text-brand-700 underline hover:text-brand-900">
              Go to the shop
            </Link>
          </div>
        ) : null}
        {problem ? (
          <div role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p>{problem}</p>
            <button type="button" onClick={() => void poll()} className="mt-2 font-semibold underline">
              Try again
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
