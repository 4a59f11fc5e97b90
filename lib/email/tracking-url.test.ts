import { describe, expect, it } from "vitest";
import { CARRIERS, trackingUrlFor } from "./tracking-url";

describe("tracking links", () => {
  it("has a pattern for every carrier the owner can pick", () => {
    for (const carrier of CARRIERS) expect(trackingUrlFor(carrier, "AB123"), carrier).toMatch(/^https:\/\/.*AB123/);
  });

  it.each([
    ["Royal Mail", "AB 1234 5678 9GB", "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB"],
    ["Evri", "H01ABC0012345678", "https://www.evri.com/track/parcel/H01ABC0012345678/details"],
    ["DPD", "15501234567890", "https://track.dpd.co.uk/parcels/15501234567890"],
    ["Parcelforce", "PBAA1234567001", "https://www.parcelforce.com/track-trace?trackNumber=PBAA1234567001"],
    ["DHL Express", "1234567890", "https://www.dhl.com/gb-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=1234567890"],
    ["UPS", "1Z999AA10123456784", "https://www.ups.com/track?loc=en_GB&tracknum=1Z999AA10123456784"],
    ["usps", "9400100000000000000000", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000000"],
    ["FedEx", "123456789012", "https://www.fedex.com/fedextrack/?trknbr=123456789012"],
    ["Royal Mail Tracked 48", "AB123456789GB", "https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB"],
  ])("%s %s → %s", (carrier, number, url) => {
    expect(trackingUrlFor(carrier, number)).toBe(url);
  });

  it("gives no link for an unknown carrier or an empty number, and encodes what it puts in the URL", () => {
    expect(trackingUrlFor("Yodel", "JD0002")).toBeNull();
    expect(trackingUrlFor("DPD", "   ")).toBeNull();
    expect(trackingUrlFor("DPD", "a/b?c&d")).toBe("https://track.dpd.co.uk/parcels/a%2Fb%3Fc%26d");
  });
});
