import { describe, expect, it } from "vitest";
import { CONCURRENT_UPLOADS, uploadsRunning, withUploadSlot } from "./upload-slots";

describe("upload slots", () => {
  it("runs at most two uploads at once, the rest in arrival order, and frees the slot of one that fails", async () => {
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const work = (index: number) =>
      withUploadSlot(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 15));
        running -= 1;
        if (index === 1) throw new Error("processing failed");
        finished.push(index);
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(work));
    expect(most).toBe(CONCURRENT_UPLOADS);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect(finished).toEqual([0, 2, 3, 4, 5]);
    expect(uploadsRunning()).toBe(0);
  });
});
