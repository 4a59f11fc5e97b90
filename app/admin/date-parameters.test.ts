// The admin pages that read dates from the address bar, rendered as the signed-in owner with hostile
// dates: each shows the default view and says what was wrong, instead of failing or hanging (a link
// to /admin/analytics?range=custom&from=9999-12-25&to=9999-12-31 once took the whole server down).
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { requestScope } from "@/tests/factories/admin-request-scope";
import { ownerSessionToken } from "@/tests/factories/admin-requests";
import AdminAnalyticsPage from "./analytics/page";
import AdminOrdersPage from "./orders/page";

// Pages read the request through next/headers and mark themselves dynamic with connection(), which
// needs Next's request store; outside Next the test supplies the request and a connection() that waits for nothing.
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));

beforeEach(() => {
  useOwnerLogin();
  requestScope.reset();
  requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
});
afterAll(() => restoreAdminEnv());

type Page = (props: { searchParams: Promise<Record<string, string>> }) => Promise<unknown>;
const render = async (page: Page, searchParams: Record<string, string>) =>
  renderToStaticMarkup((await page({ searchParams: Promise.resolve(searchParams) })) as React.ReactElement).replaceAll("&#x27;", "'");

describe("admin pages given hostile dates", () => {
  it("/admin/analytics shows the last 30 days and names the problem", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ range: "custom", from: "9999-12-25", to: "9999-12-31" }, "Start date: must be between 2000-01-01 and 2100-12-31. Showing the last 30 days instead."],
      [{ range: "custom", from: "2026-01-01", to: "+010000-01-01" }, "End date: must be a date written YYYY-MM-DD."],
      [{ range: "custom", from: "2026-02-30", to: "2026-03-01" }, "Start date: is not a real date."],
      [{ range: "custom", from: "2026-03-02", to: "2026-03-01" }, "End date: must be on or after the start date."],
      [{ range: "custom", from: "2000-01-01", to: "2100-12-31" }, "End date: a range covers at most 1,100 days (about three years); this one covers 36,890."],
    ];
    for (const [params, message] of cases) {
      const html = await render(AdminAnalyticsPage as Page, params);
      expect(html, JSON.stringify(params)).toContain(message);
      expect(html).toContain("(30 days)");
    }
    expect(await render(AdminAnalyticsPage as Page, { range: "custom", from: "2024-01-01", to: "2027-01-04" })).toContain("(1100 days)");
  }, 60_000);

  it("/admin/orders shows all orders and names the date that was wrong", async () => {
    expect(await render(AdminOrdersPage as Page, { from: "9999-12-31" })).toContain("From date: must be between 2000-01-01 and 2100-12-31. All orders are shown instead.");
    expect(await render(AdminOrdersPage as Page, { from: "2026-03-02", to: "2026-03-01" })).toContain("To date: must be on or after the start date.");
    expect(await render(AdminOrdersPage as Page, { to: "٢٠٢٦-٠١-٠١" })).toContain("To date: must be a date written YYYY-MM-DD.");
    const valid = await render(AdminOrdersPage as Page, { from: "2000-01-01", to: "2100-12-31" });
    expect(valid).not.toContain("All orders are shown instead");
  }, 60_000);
});
