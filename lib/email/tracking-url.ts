// Tracking links for the carriers a small UK shop uses, built from the carrier's name and the tracking number.

export const CARRIERS = ["Royal Mail", "Evri", "DPD", "Parcelforce", "DHL", "UPS", "USPS", "FedEx"] as const satisfies readonly string[];

const TRACKING_PAGES: Record<string, (number: string) => string> = {
  royalmail: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  evri: (n) => `https://www.evri.com/track/parcel/${n}/details`,
  dpd: (n) => `https://track.dpd.co.uk/parcels/${n}`,
  parcelforce: (n) => `https://www.parcelforce.com/track-trace?trackNumber=${n}`,
  dhl: (n) => `https://www.dhl.com/gb-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=${n}`,
  ups: (n) => `https://www.ups.com/track?loc=en_GB&tracknum=${n}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
};

/** "Royal Mail Tracked 48", "royal-mail", "DHL Express" → the key of the carrier they name. */
function carrierKey(carrier: string): string | null {
  const compact = carrier.toLowerCase().replace(/[^a-z]/g, "");
  // Longest first: a longer carrier name wins over a shorter one it happens to start with.
  const keys = Object.keys(TRACKING_PAGES).sort((a, b) => b.length - a.length);
  return keys.find((key) => compact.startsWith(key)) ?? null;
}

/**
 * The carrier's tracking page for this parcel, or null for a carrier we have no pattern for (the
 * owner can type the link instead). Spaces are dropped from the number, as printed labels group it.
 */
export function trackingUrlFor(carrier: string, trackingNumber: string): string | null {
  const key = carrierKey(carrier);
  const number = trackingNumber.replace(/\s+/g, "");
  if (!key || number === "") return null;
  return TRACKING_PAGES[key]!(encodeURIComponent(number));
}
