// A ReadableStream that reads a table in keyset pages and writes each page as it goes: memory stays flat.

export type KeysetPage<Row, Cursor> = { rows: Row[]; next: Cursor | null };

export type KeysetStreamOptions<Row, Cursor> = {
  /** Written once before the first page (a CSV BOM and header, a JSON opening bracket). */
  head?: string;
  /** Reads the page after `cursor` (null: the first page); `next` is null after the last page. */
  readPage: (cursor: Cursor | null) => Promise<KeysetPage<Row, Cursor>>;
  /** Turns one page of rows into text. */
  render: (rows: Row[], isFirstPage: boolean) => string | Promise<string>;
  tail?: string;
};

/**
 * Pull-based: the next page is read only when the consumer asks for more, so a slow download never
 * piles pages up in memory, and a cancelled download stops reading. Keyset (WHERE key > last) keeps
 * every page an index seek, where OFFSET would rescan everything before it.
 */
export function keysetStream<Row, Cursor>(options: KeysetStreamOptions<Row, Cursor>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let isFirstPage = true;
  let isDone = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (options.head) controller.enqueue(encoder.encode(options.head));
      },
      async pull(controller) {
        if (isDone) return;
        const page = await options.readPage(cursor);
        const text = page.rows.length > 0 ? await options.render(page.rows, isFirstPage) : "";
        if (text) controller.enqueue(encoder.encode(text));
        isFirstPage = false;
        if (page.next === null || page.rows.length === 0) {
          isDone = true;
          if (options.tail) controller.enqueue(encoder.encode(options.tail));
          controller.close();
          return;
        }
        cursor = page.next;
      },
    },
    { highWaterMark: 1 },
  );
}
