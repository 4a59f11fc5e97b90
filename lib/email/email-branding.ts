// What every shop email shows around its message: the store's name, support address, logo and trader details.
import { env } from "@/lib/env";
import type { Settings } from "@/lib/settings";
import { traderDetailsOf, type TraderDetails } from "@/lib/settings/trader-details";

export type EmailBranding = {
  storeName: string;
  supportEmail: string;
  /** Absolute: a mail client fetches it from wherever the message is read. Null when no logo is set. */
  logoUrl: string | null;
  /** The legal trader details from the settings; null until the owner has set them. */
  trader: TraderDetails | null;
};

export type BrandingSettings = Pick<Settings, "storeName" | "supportEmail" | "logoUrl" | "traderName" | "traderAddress" | "traderCompanyNumber" | "traderVatNumber">;

/** An uploaded logo is a path on this shop (`/uploads/…`): a mail client needs the shop's origin in front of it. */
export function absoluteEmailImageUrl(url: string | null): string | null {
  if (!url) return null;
  return url.startsWith("/") ? new URL(url, env().APP_URL).toString() : url;
}

export function emailBrandingOf(settings: BrandingSettings): EmailBranding {
  return {
    storeName: settings.storeName,
    supportEmail: settings.supportEmail,
    logoUrl: absoluteEmailImageUrl(settings.logoUrl),
    trader: traderDetailsOf(settings),
  };
}
