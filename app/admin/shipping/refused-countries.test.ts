// The admin's shipping pages, rendered as the signed-in owner, for a zone holding a code saved before
// the country list was cleaned: the owner is told which country checkout does not offer, and why.
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { requestScope } from "@/tests/factories/admin-request-scope";
import { ownerSessionToken } from "@/tests/factories/admin-requests";
import { createShippingZone } from "@/tests/factories/shipping";
import AdminShippingPage from "./page";
import ZonePage from "./zones/[id]/page";

vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));
// The zone's form is a client component: outside Next it gets a router that goes nowhere.
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  useRouter: () => ({ push: () => undefined, refresh: () => undefined, replace: () => undefined }),
}));

beforeEach(() => {
  useOwnerLogin();
  requestScope.reset();
  requestScope.setCookie(OWNER_SESSION_COOKIE, ownerSessionToken());
});
afterAll(() => restoreAdminEnv());

const html = async (page: Promise<unknown>) => renderToStaticMarkup((await page) as ReactElement).replaceAll("&#x27;", "'");

describe("a zone holding a country checkout does not offer", () => {
  it("is marked on the shipping page and on the zone's page, with the reason, and the others are not", async () => {
    // DY is Benin's withdrawn code: CLDR still calls it "Benin", so the mark names the code.
    const { zoneId } = await createShippingZone({ name: "West Africa", countries: ["DY", "GH"], rates: [{ name: "Airmail", price: 1500 }] });

    const overview = await html(AdminShippingPage());
    expect(overview).toContain("Benin (DY, not offered), Ghana");
    expect(overview).toMatch(/aria-label="Countries of West Africa not offered at checkout"[^>]*><li>Benin \(DY\): not a current country code\. Not offered at checkout: edit the zone and remove it\.<\/li><\/ul>/);
    expect(overview.match(/not offered at checkout"/g)).toHaveLength(1);

    const zonePage = await html(ZonePage({ params: Promise.resolve({ id: String(zoneId) }) }));
    const describedBy = /aria-label="Remove Benin \(DY\)" aria-describedby="([^"]+)"/.exec(zonePage)?.[1];
    expect(describedBy).toBeTruthy();
    expect(zonePage).toContain(`id="${describedBy}">Benin (DY): not a current country code. Not offered at checkout: remove it to save the zone.</li>`);
    expect(zonePage).toMatch(/aria-label="Remove Ghana"(?! aria-describedby)/);
  });
});
