import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings";
import { maintenanceScopeOf } from "./maintenance-paths";
import { DEFAULT_RETRY_AFTER_SECONDS, maintenanceStateAt, retryAfterSeconds, type CachedMaintenanceSettings } from "./maintenance-state";

const base: CachedMaintenanceSettings = {
  storeName: "Hedgerow Dye Works",
  supportEmail: "hello@hedgerow.example",
  maintenanceMode: false,
  maintenanceMessage: "Dyeing a new batch",
  maintenanceStartsAt: null,
  maintenanceEndsAt: null,
};
const windowed = { ...base, maintenanceStartsAt: "2026-12-01T09:00:00.000Z", maintenanceEndsAt: "2026-12-01T11:00:00.000Z" };
const at = (iso: string) => new Date(iso);

describe("maintenanceStateAt", () => {
  it("is off by default and on while the owner's switch is on", () => {
    expect(maintenanceStateAt({ ...DEFAULT_SETTINGS }, at("2026-12-01T10:00:00.000Z"))).toEqual({ active: false });
    expect(maintenanceStateAt({ ...base, maintenanceMode: true }, at("2026-12-01T10:00:00.000Z"))).toEqual({
      active: true,
      reason: "switched_on",
      message: "Dyeing a new batch",
      storeName: "Hedgerow Dye Works",
      supportEmail: "hello@hedgerow.example",
      endsAt: null,
    });
  });

  it("switches itself on at the window's first millisecond and off at its end", () => {
    expect(maintenanceStateAt(windowed, at("2026-12-01T08:59:59.999Z")).active).toBe(false);
    expect(maintenanceStateAt(windowed, at("2026-12-01T09:00:00.000Z"))).toMatchObject({ active: true, reason: "scheduled", endsAt: "2026-12-01T11:00:00.000Z" });
    expect(maintenanceStateAt(windowed, at("2026-12-01T10:59:59.999Z")).active).toBe(true);
    expect(maintenanceStateAt(windowed, at("2026-12-01T11:00:00.000Z")).active).toBe(false);
  });

  it("keeps the switch's word outside the window", () => {
    expect(maintenanceStateAt({ ...windowed, maintenanceMode: true }, at("2026-12-01T12:00:00.000Z"))).toMatchObject({ active: true, reason: "switched_on" });
  });

  it("ignores half a window", () => {
    expect(maintenanceStateAt({ ...windowed, maintenanceEndsAt: null }, at("2026-12-01T10:00:00.000Z")).active).toBe(false);
  });

  it("asks shoppers to come back when the window ends, or in five minutes when nobody knows", () => {
    const now = at("2026-12-01T10:59:00.500Z");
    expect(retryAfterSeconds(maintenanceStateAt(windowed, now), now)).toBe(60);
    expect(retryAfterSeconds(maintenanceStateAt({ ...base, maintenanceMode: true }, now), now)).toBe(DEFAULT_RETRY_AFTER_SECONDS);
  });
});

describe("maintenanceScopeOf", () => {
  it("closes storefront pages and storefront APIs", () => {
    for (const path of ["/", "/products", "/products/moss", "/collections/sock", "/cart", "/checkout", "/checkout/local/chk_1", "/orders", "/order-lookup", "/maintenance", "/administrator"]) {
      expect(maintenanceScopeOf(path), path).toBe("page");
    }
    for (const path of ["/api/cart", "/api/checkout/session", "/api/checkout/quote", "/api/checkout/statuses", "/api/administer"]) {
      expect(maintenanceScopeOf(path), path).toBe("api");
    }
  });

  it("keeps the order page open: every order email links there", () => {
    for (const path of ["/order", "/order/HD-1001", "/order/HD-2002.json"]) {
      expect(maintenanceScopeOf(path), path).toBe("open");
    }
  });

  it("keeps a paying shopper's way back open: the success page and the status API it polls", () => {
    for (const path of ["/checkout/success", "/api/checkout/status"]) {
      expect(maintenanceScopeOf(path), path).toBe("open");
    }
    for (const path of ["/checkout/successful", "/checkout"]) expect(maintenanceScopeOf(path), path).toBe("page");
  });

  it("never closes the admin, sign-in, admin API, webhooks, cron, health or static files", () => {
    for (const path of [
      "/admin",
      "/admin/settings",
      "/admin/sign-in",
      "/api/admin/session",
      "/api/admin/settings/maintenance",
      "/api/webhooks/stripe",
      "/api/cron/cleanup-reservations",
      "/api/health",
      "/_next/static/chunks/app.js",
      "/_next/image",
      "/favicon.ico",
      "/images/yarn/moss.svg",
    ]) {
      expect(maintenanceScopeOf(path), path).toBe("exempt");
    }
  });
});
