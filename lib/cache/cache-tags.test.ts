import { describe, expect, it } from "vitest";
import { CACHE_TAGS, revalidateAfter, revalidateCatalog } from "./cache-tags";

describe("revalidateCatalog outside a Next request", () => {
  it("is a no-op where no Next cache exists (scripts, tests), so a writer never fails after its commit", async () => {
    expect(() => revalidateCatalog(CACHE_TAGS.catalog, CACHE_TAGS.settings)).not.toThrow();
    await expect(revalidateAfter([CACHE_TAGS.pages], Promise.resolve("saved"))).resolves.toBe("saved");
  });

  it("expires nothing when the write fails: the error passes through", async () => {
    await expect(revalidateAfter([CACHE_TAGS.catalog], Promise.reject(new Error("write refused")))).rejects.toThrow("write refused");
  });
});
