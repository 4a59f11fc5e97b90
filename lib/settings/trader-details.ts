// The legal trader details as the footer, the Terms page and the order emails show them.
import type { Settings } from "./index";

export type TraderDetails = { name: string; addressLines: string[]; companyNumber: string | null; vatNumber: string | null };

/** Null until the owner has named the business: half a set of legal details is shown nowhere. */
export function traderDetailsOf(settings: Pick<Settings, "traderName" | "traderAddress" | "traderCompanyNumber" | "traderVatNumber">): TraderDetails | null {
  const name = settings.traderName.trim();
  if (!name) return null;
  return {
    name,
    addressLines: settings.traderAddress.split("\n").map((line) => line.trim()).filter(Boolean),
    companyNumber: settings.traderCompanyNumber.trim() || null,
    vatNumber: settings.traderVatNumber.trim() || null,
  };
}
