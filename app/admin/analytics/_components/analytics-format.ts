// How the analytics page words its figures: money, rates, changes against the previous period, days.
import { formatMoney } from "@/lib/money";

export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  return new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** The conversion rate, which has no figure until a visit has been counted in the period. */
export function formatConversionRate(rate: number | null): string {
  return rate === null ? "Not enough data" : formatRate(rate);
}

/**
 * What the conversion rate divided. Visits are counted only since the counting began; orders from
 * before that day are left out, and the hint says so when the period reaches back before it.
 */
export function describeConversion({ from, sessions, ordersSinceVisitsCounted, visitsCountedFrom }: {
  from: string;
  sessions: number;
  ordersSinceVisitsCounted: number;
  visitsCountedFrom: string | null;
}): string {
  const visits = `${sessions} storefront ${sessions === 1 ? "visit" : "visits"} (one per visitor per day)`;
  if (visitsCountedFrom === null) return "No storefront visits counted yet: conversion needs visits to divide by.";
  const orders = `${ordersSinceVisitsCounted} paid ${ordersSinceVisitsCounted === 1 ? "order" : "orders"}`;
  if (visitsCountedFrom > from) return `${orders} ÷ ${visits}, both counted from ${formatDay(visitsCountedFrom)}, when visit counting began.`;
  return `${orders} ÷ ${visits}.`;
}

/** "up 12% on the previous period", or the honest "no previous figure" when there is nothing to compare. */
export function describeChange(current: number | null, previous: number | null): { text: string; direction: "up" | "down" | "same" | "none" } {
  if (current === null || previous === null) return { text: "nothing to compare with", direction: "none" };
  if (current === previous) return { text: "same as the previous period", direction: "same" };
  if (previous === 0) return { text: "up from nothing in the previous period", direction: "up" };
  const change = (current - previous) / Math.abs(previous);
  // Under half a percent would read as "down 0%": call it what it is.
  if (Math.abs(change) < 0.005) return { text: "about the same as the previous period", direction: "same" };
  const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }).format(Math.abs(change));
  return change > 0
    ? { text: `up ${percent} on the previous period`, direction: "up" }
    : { text: `down ${percent} on the previous period`, direction: "down" };
}

/** Rates change in percentage points, which a relative change would distort. */
export function describeRateChange(current: number | null, previous: number | null): { text: string; direction: "up" | "down" | "same" | "none" } {
  if (current === null || previous === null) return { text: "nothing to compare with", direction: "none" };
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return { text: "same as the previous period", direction: "same" };
  return { text: `${points > 0 ? "up" : "down"} ${Math.abs(points)} points on the previous period`, direction: points > 0 ? "up" : "down" };
}

/** A shop day as "9 Jul 2026" (the date text is already the London day: format it as UTC). */
export function formatDay(day: string, style: "short" | "long" = "long"): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    ...(style === "long" ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00.000Z`));
}

export function formatMoneyOrDash(minor: number | null, currency: string): string {
  return minor === null ? "—" : formatMoney(minor, currency);
}

/** Axis labels: whole currency units, compact (£1.2K), so a tablet's narrow axis stays readable. */
export function formatMoneyCompact(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 }).format(minor / 100);
}
