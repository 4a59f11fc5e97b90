import { describe, expect, it } from "vitest";
import { COLLECTION_SORTS, parseListingParams } from "./listing-params";

describe("listing query strings", () => {
  it("read sort, page and collection", () => {
    expect(parseListingParams({ sort: "price-desc", page: "3", collection: "sock-yarn" })).toEqual({
      sort: "price-desc",
      page: 3,
      collection: "sock-yarn",
    });
  });

  it("fall back to defaults instead of failing on nonsense", () => {
    expect(parseListingParams({ sort: "cheapest", page: "-2", collection: "<script>" })).toEqual({ sort: "newest", page: 1, collection: undefined });
    expect(parseListingParams({ page: "abc" }).page).toBe(1);
    expect(parseListingParams({ sort: ["price-asc", "newest"] }).sort).toBe("price-asc");
  });

  it("open a collection in the owner's order, which the all-products listing does not offer", () => {
    expect(parseListingParams({}, COLLECTION_SORTS).sort).toBe("featured");
    expect(parseListingParams({ sort: "price-asc" }, COLLECTION_SORTS).sort).toBe("price-asc");
    expect(parseListingParams({ sort: "featured" }).sort).toBe("newest");
  });
});
