import { describe, expect, it } from "vitest";
import { dropMarkClass, moveTo, rowAt } from "./drag-reorder";

describe("moveTo", () => {
  it("takes the item out and puts it back at the new index, either way", () => {
    expect(moveTo(["a", "b", "c", "d"], 3, 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveTo(["a", "b", "c", "d"], 0, 2)).toEqual(["b", "c", "a", "d"]);
    expect(moveTo(["a", "b", "c", "d"], 1, 3)).toEqual(["a", "c", "d", "b"]);
  });

  it("leaves the list as it was for a move to the same place or outside it, and never changes its input", () => {
    const items = ["a", "b", "c"] as const;
    expect(moveTo(items, 1, 1)).toEqual(["a", "b", "c"]);
    expect(moveTo(items, 0, 3)).toEqual(["a", "b", "c"]);
    expect(moveTo(items, -1, 0)).toEqual(["a", "b", "c"]);
    expect(items).toEqual(["a", "b", "c"]);
  });
});

describe("rowAt", () => {
  // Three rows of unequal height with 10 px gaps, as a list with spacing draws them.
  const boxes = [
    { top: 0, bottom: 40 },
    { top: 50, bottom: 150 },
    { top: 160, bottom: 200 },
  ];

  it("is the row whose box holds the pointer", () => {
    expect(rowAt(boxes, 0)).toBe(0);
    expect(rowAt(boxes, 149)).toBe(1);
    expect(rowAt(boxes, 170)).toBe(2);
  });

  it("is the nearest row in a gap or past either end", () => {
    expect(rowAt(boxes, 43)).toBe(0);
    expect(rowAt(boxes, 47)).toBe(1);
    expect(rowAt(boxes, -300)).toBe(0);
    expect(rowAt(boxes, 900)).toBe(2);
  });
});

describe("dropMarkClass", () => {
  it("fades the dragged row and puts a bar on the side where it lands", () => {
    expect(dropMarkClass("dragged")).toBe("opacity-50");
    expect(dropMarkClass("before")).toBe("drop-mark-before");
    expect(dropMarkClass("after")).toBe("drop-mark-after");
    expect(dropMarkClass(null)).toBe("");
  });
});
