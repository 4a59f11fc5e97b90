// Writes one bundle file in a fixed pretty-printed layout, record by record, so a file of 100,000
// orders is streamed to disk and never held in memory. The layout (two-space indent, one record
// per block at four spaces) is also what lets the reader stream it back.
import { once } from "node:events";
import { createWriteStream } from "node:fs";

export type FileSection = { key: string; records: AsyncIterable<Record<string, unknown>> };

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
        for await (const record of section.records) {
          const block = JSON.stringify(record, null, 2).replaceAll("\n", "\n    ");
          await this.write(count === 0 ? `  ${JSON.stringify(section.key)}: [\n    ${block}` : `,\n    ${block}`);
          count += 1;
        }
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
