// The lines of a postal address as the shop shows it (order pages, the admin, packing slips, emails):
// the country by its name, never a bare code.
import { countryName } from "./country-name";

type ShownAddress = {
  name?: string | null;
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
  phone?: string | null;
};

export function addressLines(address: ShownAddress, { withPhone = false } = {}): string[] {
  const country = address.country ? countryName(address.country) : null;
  const parts = [address.name, address.line1, address.line2, address.city, address.region, address.postalCode, country, withPhone ? address.phone : null];
  return parts.filter((part): part is string => Boolean(part));
}
