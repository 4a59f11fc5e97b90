// Writes one bundle file in a fixed pretty-printed layout, a page of records at a time, so a file of
// 100,000 orders is streamed to disk and never held in memory. The layout (two-space indent, one
// record per block at four spaces) is also what lets the reader stream it back.
import { once } from "node:events";
import { createWriteStream } from "node:fs";

export type FileSection = { key: string; pages: AsyncIterable<Record<string, unknown>[]> };

/** One record as it sits inside the file's list: its block at four spaces, its fields at six. */
const recordBlock = (record: Record<string, unknown>) => JSON.stringify(record, null, 2).replaceAll("\n", "\n    ");

/**
 * Text is handed to the stream in pieces of about this size: small enough to stay out of V8's
 * large-object space (a page's text as one string made the export spend most of its time in the
 * garbage collector), large enough that the stream's per-write cost does not count.
 */
const PIECE_CHARS = 64 * 1024;

export class BundleFileWriter {
  private readonly out;
  private bytes = 0;

  constructor(readonly file: string) {
    this.out = createWriteStream(file, { encoding: "utf8" });
  }

  private async write(text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    if (!this.out.write(text)) await once(this.out, "drain");
  }

  /** Writes `{ header…, "key": [records…], … }` and returns the record count per section. */
  async writeFile(header: Record<string, unknown>, sections: FileSection[]): Promise<{ counts: Record<string, number>; bytes: number }> {
    const counts: Record<string, number> = {};
    try {
      await this.write("{\n");
      const headerEntries = Object.entries(header);
      for (const [index, [key, value]] of headerEntries.entries()) {
        const isLast = index === headerEntries.length - 1 && sections.length === 0;
        await this.write(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${isLast ? "" : ","}\n`);
      }
      for (const [index, section] of sections.entries()) {
        const isLast = index === sections.length - 1;
        let count = 0;
        let piece = "";
        for await (const records of section.pages) {
          for (const record of records) {
            piece += `${count === 0 ? `  ${JSON.stringify(section.key)}: [\n` : ",\n"}    ${recordBlock(record)}`;
            count += 1;
            if (piece.length >= PIECE_CHARS) {
              await this.write(piece);
              piece = "";
            }
          }
        }
        if (piece) await this.write(piece);
        await this.write(count === 0 ? `  ${JSON.stringify(section.key)}: []${isLast ? "" : ","}\n` : `\n  ]${isLast ? "" : ","}\n`);
        counts[section.key] = count;
      }
      await this.write("}\n");
    } finally {
      this.out.end();
      await once(this.out, "close");
    }
    return { counts, bytes: this.bytes };
  }
}
