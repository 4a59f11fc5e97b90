// Every admin route that takes a date, fed hostile and seeded-random dates through its real handler as
// the signed-in owner: each answers 200 for a valid one and a JSON 400 for anything else, never a 500,
// and never hangs (GET /api/admin/analytics?range=custom&from=9999-12-25&to=9999-12-31 once looped
// until the process ran out of memory).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { GET as analytics } from "./analytics/route";
import { POST as createDiscount } from "./discounts/route";
import { GET as exportOrders } from "./orders/export/route";
import { GET as listOrders } from "./orders/route";
import { PUT as putMaintenance } from "./settings/maintenance/route";
import { createRandom } from "@/lib/seed/create-random";

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const context = { params: Promise.resolve({}) };
// The limits the shop documents (lib/shop-day-input.ts), restated so the test does not trust the code it checks.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const MAX_DAYS = 1100;

/** An independent oracle: a real Gregorian date written YYYY-MM-DD in ASCII digits, 2000 to 2100. */
function isValidDay(value: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= FIRST_YEAR && year <= LAST_YEAR && monthDays !== undefined && day >= 1 && day <= monthDays;
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;

/** Is `from`…`to` a range a report or export may cover? (`isCapped` false: a paged list, order only.) */
function isValidRange(from: string, to: string, isCapped = true): boolean {
  if (!isValidDay(from) || !isValidDay(to)) return false;
  const days = dayNumber(to) - dayNumber(from) + 1;
  return days >= 1 && (!isCapped || days <= MAX_DAYS);
}

const HOSTILE_DAYS = [
  "9999-12-31",
  "9999-12-25",
  "0000-01-01",
  "+010000-01-01",
  "-000001-12-31",
  "2026-13-01",
  "2026-00-10",
  "2026-02-30",
  "2001-02-29",
  "2100-02-29",
  "1999-12-31",
  "2101-01-01",
  "",
  " ",
  "2026-1-1",
  "26-01-01",
  "2026/01/01",
  "2026-01-01T00:00",
  "2026-01-01 ",
  " 2026-01-01",
  "2026-01-01\n",
  "2026-01-01\u0000",
  "x".repeat(100_000),
  `2026-01-01${"0".repeat(50_000)}`,
  "٢٠٢٦-٠١-٠١", // Arabic-Indic digits
  "２０２６-０１-０１", // fullwidth digits
  "২০২৬-০১-০১", // Bengali digits
  "2026‐01‐01", // Unicode hyphens
  "NaN",
  "null",
  "undefined",
  "Infinity",
  "1e9",
  "today",
];

const VALID_DAYS = ["2000-01-01", "2000-02-29", "2024-02-29", "2026-03-29", "2026-10-25", "2100-12-31"];

/** Dates shaped like YYYY-MM-DD with any digits (most invalid, some valid), plus a few mangled ones. */
function randomDays(seed: number, count: number): string[] {
  const random = createRandom(seed).next;
  const digits = (length: number, max: number) => String(Math.floor(random() * max)).padStart(length, "0");
  const values: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const roll = random();
    // Half near the accepted years, so valid days and their edges turn up often.
    const year = roll < 0.5 ? String(1995 + Math.floor(random() * 112)) : digits(4, 10_000);
    const day = `${year}-${digits(2, roll < 0.75 ? 13 : 100)}-${digits(2, roll < 0.75 ? 32 : 100)}`;
    const mangle = random();
    values.push(mangle < 0.85 ? day : mangle < 0.9 ? day.slice(0, Math.floor(random() * 10)) : mangle < 0.95 ? `${day}${digits(1, 10)}` : `+0${day}`);
  }
  return values;
}

/** Real days 2000–2100 and a second day up to 60 before or 1,200 after: valid ranges, reversed ones and ones past the cap. */
function randomRanges(seed: number, count: number): Array<[string, string]> {
  const random = createRandom(seed).next;
  const first = Date.UTC(FIRST_YEAR, 0, 1);
  const span = Date.UTC(LAST_YEAR, 11, 31) - first;
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < count; i += 1) {
    const from = first + Math.floor((random() * span) / 86_400_000) * 86_400_000;
    const to = from + (Math.floor(random() * 1261) - 60) * 86_400_000;
    ranges.push([new Date(from).toISOString().slice(0, 10), new Date(to).toISOString().slice(0, 10)]);
  }
  return ranges;
}

type ErrorBody = { error: { code: string; message: string; details?: Array<{ path: string; message: string }> } };

/** A 400 must be the JSON error shape naming what was wrong; anything else but the expected status fails. */
async function expectAnswer(response: Response, isValid: boolean, label: string): Promise<void> {
  expect(response.status, label).not.toBe(500);
  if (isValid) {
    expect([200, 201], label).toContain(response.status);
    await response.body?.cancel();
    return;
  }
  expect(response.status, label).toBe(400);
  expect(response.headers.get("content-type"), label).toContain("application/json");
  const body = (await response.json()) as ErrorBody;
  expect(body.error.code, label).toBe("validation_error");
  expect(typeof body.error.message, label).toBe("string");
  expect(body.error.details?.length, label).toBeGreaterThan(0);
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
const label = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}… (${value.length} chars)` : value);

const getAnalytics = (params: Record<string, string>) => analytics(adminRequest(`/api/admin/analytics${query(params)}`, { cookie: ownerCookie() }), context);
const getOrders = (params: Record<string, string>) => listOrders(adminRequest(`/api/admin/orders${query(params)}`, { cookie: ownerCookie() }), context);
const getExport = (params: Record<string, string>) => exportOrders(adminRequest(`/api/admin/orders/export${query(params)}`, { cookie: ownerCookie() }), context);

/** Each route as a function of one (from, to) pair, with whether its span is capped. */
const RANGE_ROUTES = [
  { name: "GET /api/admin/analytics (custom)", isCapped: true, send: (from: string, to: string) => getAnalytics({ range: "custom", from, to }) },
  { name: "GET /api/admin/orders/export", isCapped: false, send: (from: string, to: string) => getExport({ from, to }) },
  { name: "GET /api/admin/orders", isCapped: false, send: (from: string, to: string) => getOrders({ from, to }) },
];

describe("date parameters of the admin routes", () => {
  it.each(RANGE_ROUTES)("$name answers a JSON 400 for every hostile day, at either end, and 200 for real ones", async ({ name, send }) => {
    for (const day of HOSTILE_DAYS) {
      await expectAnswer(await send(day, "2026-01-31"), false, `${name} from=${label(day)}`);
      await expectAnswer(await send("2026-01-01", day), false, `${name} to=${label(day)}`);
    }
    for (const day of VALID_DAYS) await expectAnswer(await send(day, day), true, `${name} ${day}`);
  }, 60_000);

  it.each(RANGE_ROUTES)("$name refuses reversed ranges and (where capped) spans over 1,100 days, naming the limit", async ({ name, send, isCapped }) => {
    await expectAnswer(await send("2026-03-02", "2026-03-01"), false, `${name} reversed`);
    await expectAnswer(await send("2100-12-31", "2000-01-01"), false, `${name} reversed by a century`);
    await expectAnswer(await send("2024-01-01", "2027-01-04"), true, `${name} 1,100 days`);
    for (const [from, to] of [["2024-01-01", "2027-01-05"], ["2000-01-01", "2100-12-31"]] as const) {
      const response = await send(from, to);
      if (!isCapped) {
        await expectAnswer(response, true, `${name} ${from}…${to}`);
        continue;
      }
      expect(response.status, `${name} ${from}…${to}`).toBe(400);
      expect(((await response.json()) as ErrorBody).error.details).toEqual([{ path: "to", message: expect.stringContaining("at most 1,100 days") }]);
    }
  }, 60_000);

  it("GET /api/admin/analytics checks a date even beside a preset range, and the orders list each end alone", async () => {
    for (const day of ["9999-12-31", "0000-01-01", "2026-02-30"]) {
      await expectAnswer(await getAnalytics({ range: "7d", from: day }), false, `analytics 7d from=${day}`);
      await expectAnswer(await getOrders({ from: day }), false, `orders from=${day}`);
      await expectAnswer(await getOrders({ to: day }), false, `orders to=${day}`);
    }
    await expectAnswer(await getOrders({ from: "2000-01-01" }), true, "orders from the first day");
    await expectAnswer(await getOrders({ to: "2100-12-31" }), true, "orders to the last day");
    for (const range of ["all", "7d", "30d", "90d"]) await expectAnswer(await getAnalytics({ range }), true, `analytics ${range}`);
  }, 60_000);

  it("answers seeded random dates (seed 20) exactly as an independent oracle says, on every range route", async () => {
    const days = randomDays(20, 150);
    // The oracle must see both kinds, or the test proves little.
    expect(days.filter(isValidDay).length).toBeGreaterThan(20);
    expect(days.filter((day) => !isValidDay(day)).length).toBeGreaterThan(20);
    const pairs = [...days.map((day, i) => [day, days[(i + 1) % days.length]!] as [string, string]), ...randomRanges(20, 60)];
    const outcomes = RANGE_ROUTES.map(({ isCapped }) => pairs.filter(([from, to]) => isValidRange(from, to, isCapped)).length);
    expect(Math.min(...outcomes)).toBeGreaterThan(20);
    for (const { name, send, isCapped } of RANGE_ROUTES) {
      for (const [from, to] of pairs) await expectAnswer(await send(from, to), isValidRange(from, to, isCapped), `${name} from=${label(from)} to=${label(to)}`);
    }
  }, 120_000);

  it("PUT /api/admin/settings/maintenance refuses a window on a day the shop does not accept", async () => {
    for (const day of [...HOSTILE_DAYS.filter((value) => value.length < 100), ...randomDays(21, 40).filter((value) => !isValidDay(value))]) {
      const body = { enabled: false, message: "Back soon.", window: { startsAt: `${day}T10:00`, endsAt: "2100-12-31T10:00" } };
      const response = await putMaintenance(adminRequest("/api/admin/settings/maintenance", { method: "PUT", body, cookie: ownerCookie() }), context);
      await expectAnswer(response, false, `maintenance startsAt=${label(day)}`);
    }
    const valid = { enabled: false, message: "Back soon.", window: { startsAt: "2100-12-30T10:00", endsAt: "2100-12-31T23:59" } };
    await expectAnswer(await putMaintenance(adminRequest("/api/admin/settings/maintenance", { method: "PUT", body: valid, cookie: ownerCookie() }), context), true, "maintenance in 2100");
  }, 60_000);

  it("POST /api/admin/discounts refuses a window outside the shop's years", async () => {
    let n = 0;
    for (const instant of ["9999-12-31T23:59:59.999Z", "0000-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "2101-01-01T00:00:00.000Z", "+010000-01-01T00:00:00.000Z", "2026-02-30T00:00:00.000Z", ""]) {
      n += 1;
      const body = { code: `DATES-${n}`, kind: "percent", value: 10, startsAt: "2026-01-01T00:00:00.000Z", endsAt: instant };
      const response = await createDiscount(adminRequest("/api/admin/discounts", { method: "POST", body, cookie: ownerCookie() }), context);
      await expectAnswer(response, false, `discount endsAt=${label(instant)}`);
    }
    const body = { code: "DATES-OK", kind: "percent", value: 10, startsAt: "2000-01-01T00:00:00.000Z", endsAt: "2100-12-31T23:59:59.999Z" };
    await expectAnswer(await createDiscount(adminRequest("/api/admin/discounts", { method: "POST", body, cookie: ownerCookie() }), context), true, "discount 2000–2100");
  }, 60_000);
});
