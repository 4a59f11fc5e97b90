import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { vi } from "vitest";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { writeTransaction } from "@/lib/db";
import { saveSettings, type Settings } from "@/lib/settings";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { requestScope } from "@/tests/factories/admin-request-scope";
import { ownerSessionToken } from "@/tests/factories/admin-requests";
import { ShopChrome } from "./shop-chrome";

// The chrome reads the request through next/headers; the test supplies it. Outside Next there is no request to wait for.
vi.mock("next/cache", () => import("@/tests/factories/next-cache"));
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => undefined }));

const render = async () => renderToStaticMarkup(await ShopChrome({ children: createElement("main", null, "page") }));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

async function setMaintenance(changes: Partial<Settings>) {
  await writeTransaction((tx) => saveSettings(tx, { maintenanceMode: false, maintenanceStartsAt: null, maintenanceEndsAt: null, ...changes }));
}

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(() => requestScope.reset());

describe("the shop's header while the shop is closed", () => {
  it("tells the signed-in owner that shoppers see the back-soon page, with a link to the switch", async () => {
    await setMaintenance({ maintenanceMode: true });
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    const html = await render();
    expect(html).toContain('aria-label="The shop is closed"');
    expect(text(html)).toContain("The shop is closed (maintenance mode). Shoppers see the “We’ll be back soon” page");
    expect(html).toContain('href="/admin/settings"');
  });

  it("says until when a scheduled window closes it, in London time", async () => {
    await setMaintenance({ maintenanceStartsAt: "2020-01-01T00:00:00.000Z", maintenanceEndsAt: "2099-07-01T16:30:00.000Z" });
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    expect(text(await render())).toContain("The shop is closed (maintenance mode) until 1 Jul 2099, 17:30.");
  });

  it("shows no banner to a buyer (on the order page, the one page open to them) nor to anyone while the shop is open", async () => {
    await setMaintenance({ maintenanceMode: true });
    expect(await render()).not.toContain("The shop is closed");
    requestScope.setCookie(OWNER_SESSION_COOKIE, `${ownerSessionToken()}x`);
    expect(await render()).not.toContain("The shop is closed");
    await setMaintenance({ maintenanceMode: false });
    requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
    expect(await render()).not.toContain("The shop is closed");
  });
});
