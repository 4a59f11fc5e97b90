"use client";
// The live view: asks the server for the update's figures every few seconds while the tab is visible.
import { useEffect, useState } from "react";
import { callAdminApi } from "@/app/admin/_components/admin-api";
import type { UpdateLiveView } from "@/lib/updates/update-live-view";
import { UpdateStateBadge } from "../../../_components/update-state-badge";
import { chartRows, LiveChart } from "./live-chart";

/** Often enough to watch a sell-out, rare enough that an owner with three tabs open costs little. */
const POLL_MS = 4_000;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-3">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold text-brand-900">{value}</dd>
    </div>
  );
}

export function LiveView({ initial }: { initial: UpdateLiveView }) {
  const [view, setView] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isStopped = false;
    async function poll() {
      const result = await callAdminApi<UpdateLiveView>(`/api/admin/updates/${initial.update.id}/live`);
      if (isStopped) return;
      if (result.ok) {
        setView(result.data);
        setProblem(null);
      } else {
        setProblem(result.error.message);
      }
      schedule();
    }
    // A hidden tab asks nothing: the figures are for eyes, and a forgotten tab must not poll all night.
    function schedule() {
      clearTimeout(timer);
      if (!document.hidden) timer = setTimeout(poll, POLL_MS);
    }
    function onVisibility() {
      if (document.hidden) clearTimeout(timer);
      else void poll();
    }
    schedule();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      isStopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [initial.update.id]);

  const { update, refusals, soldOut } = view;
  const updatedAt = new Date(view.generatedAt).toLocaleTimeString("en-GB", { timeZone: "Europe/London" });

  return (
    <div className="space-y-6">
      <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
        <UpdateStateBadge state={update.state} /> Figures as of {updatedAt}, refreshed every few seconds while this tab is open.
      </p>
      {problem ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Figure label="Units sold" value={update.totals.sold} />
        <Figure label="Held now" value={update.totals.held} />
        <Figure label="Sold out" value={soldOut.length} />
        <Figure label="Refused: not live" value={refusals.not_live} />
        <Figure label="Refused: limit" value={refusals.limit_reached} />
        <Figure label="Refused: sold out" value={refusals.sold_out} />
        {view.room ? (
          <>
            <Figure label="Waiting room: waiting" value={view.room.waiting} />
            <Figure label="Waiting room: let in" value={view.room.admitted} />
            <Figure label="Refused: skipped the room" value={refusals.not_admitted} />
          </>
        ) : null}
      </dl>
      <section aria-labelledby="live-chart" className="space-y-2 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="live-chart" className="font-serif text-xl font-semibold text-brand-900">
          Per minute
        </h2>
        <LiveChart rows={chartRows(view)} />
      </section>
      <section aria-labelledby="live-sold-out" className="space-y-2">
        <h2 id="live-sold-out" className="font-serif text-xl font-semibold text-brand-900">
          Sold-out colourways
        </h2>
        {soldOut.length === 0 ? (
          <p className="text-sm text-stone-600">None yet.</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {soldOut.map((item) => (
              <li key={item.variantId}>
                {item.productName} – {item.variantName}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
