import { describe, expect, it } from "vitest";
import { keysetStream } from "./keyset-stream";

/** A table of `total` numbers read `size` at a time, counting the reads. */
function numbers(total: number, size: number) {
  const reads: (number | null)[] = [];
  const stream = keysetStream<number, number>({
    head: "head\n",
    tail: "tail\n",
    readPage: async (after) => {
      reads.push(after);
      const start = after === null ? 0 : after + 1;
      const rows = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
      return { rows, next: rows.length === size ? rows[rows.length - 1]! : null };
    },
    render: (rows) => rows.map((n) => `${n}\n`).join(""),
  });
  return { stream, reads };
}

describe("keysetStream", () => {
  it("writes the head, every page once in order, then the tail", async () => {
    const { stream, reads } = numbers(7, 3);
    const text = await new Response(stream).text();
    expect(text).toBe("head\n0\n1\n2\n3\n4\n5\n6\ntail\n");
    expect(reads).toEqual([null, 2, 5]);
  });

  it("reads a page only when the reader asks for more, and stops reading when the download is cancelled", async () => {
    const { stream, reads } = numbers(1_000_000, 100);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe("head\n");
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads.length).toBeLessThanOrEqual(3);
    await reader.cancel();
    const readsAtCancel = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads.length).toBe(readsAtCancel);
  });

  it("writes only head and tail for an empty table", async () => {
    const { stream } = numbers(0, 10);
    expect(await new Response(stream).text()).toBe("head\ntail\n");
  });
});
