"use client";
// The "Add a rate" disclosure of a zone. It owns its open state so that adding the first rate
// (which refreshes the page and makes the zone no longer empty) does not fold the form away and
// hide its "Rate added." confirmation; it starts open only while the zone has no rates.
import { useState } from "react";
import { RateForm } from "./rate-form";

export function AddRatePanel({ zoneId, currency, startOpen }: { zoneId: number; currency: string; startOpen: boolean }) {
  const [isOpen, setIsOpen] = useState(startOpen);
  return (
    <details className="rounded-lg border border-dashed border-stone-300 bg-white" open={isOpen} onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer px-4 py-3 font-medium text-brand-700">Add a rate</summary>
      <div className="border-t border-stone-200 p-4">
        <RateForm zoneId={zoneId} currency={currency} />
      </div>
    </details>
  );
}
