"use client";
// Units sold and refusals per minute during an update, London time along the bottom.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UpdateLiveView } from "@/lib/updates/update-live-view";
import { STORE_TIME_ZONE } from "@/lib/time";

const minuteLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: STORE_TIME_ZONE });

type Row = { label: string; sold: number; refused: number };

export function chartRows(view: Pick<UpdateLiveView, "soldPerMinute" | "refusalsPerMinute">): Row[] {
  const rows = new Map<string, Row>();
  const rowOf = (minute: string) => rows.get(minute) ?? { label: minuteLabel.format(new Date(`${minute}:00.000Z`)), sold: 0, refused: 0 };
  for (const point of view.soldPerMinute) rows.set(point.minute, { ...rowOf(point.minute), sold: point.units });
  for (const { minute, ...byReason } of view.refusalsPerMinute) {
    // Every reason the view counts, so one added later is in the line without a change here.
    rows.set(minute, { ...rowOf(minute), refused: Object.values(byReason).reduce((sum, count) => sum + count, 0) });
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

export function LiveChart({ rows }: { rows: Row[] }) {
  return (
    <figure>
      <div role="img" aria-label={`Units sold (bars) and refusals (line) per minute, ${rows.length} minutes with activity.`} className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#e7e5e4" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 13, fill: "#44403c" }} minTickGap={16} tickMargin={8} />
            <YAxis allowDecimals={false} tick={{ fontSize: 13, fill: "#44403c" }} width={40} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 14 }} />
            <Bar dataKey="sold" name="Units sold" fill="#6b4f8a" isAnimationActive={false} />
            <Line dataKey="refused" name="Refusals" stroke="#b45309" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
