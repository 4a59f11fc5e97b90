// Carriers the owner picks from when fulfilling, and the public tracking page of each.

const TRACKING_PAGES: Record<string, (trackingNumber: string) => string> = {
  "Royal Mail": (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  Evri: (n) => `https://www.evri.com/track/parcel/${n}`,
  DPD: (n) => `https://track.dpd.co.uk/parcels/${n}`,
  DHL: (n) => `https://www.dhl.com/gb-en/home/tracking/tracking-express.html?tracking-id=${n}`,
  UPS: (n) => `https://www.ups.com/track?tracknum=${n}`,
  Parcelforce: (n) => `https://www.parcelforce.com/track-trace?trackNumber=${n}`,
};

export const CARRIERS: readonly string[] = [...Object.keys(TRACKING_PAGES), "Other"];

/** The carrier's tracking page for this parcel, or null for a carrier we do not know. */
export function trackingUrlFor(carrier: string, trackingNumber: string): string | null {
  const page = TRACKING_PAGES[carrier];
  return page ? page(encodeURIComponent(trackingNumber.trim())) : null;
}
