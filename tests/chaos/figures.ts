// Figures a scenario prints: requests per label, their statuses and durations, and the scenario's own numbers.

export type Sample = { label: string; status: number; ms: number };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "–");

export class Figures {
  readonly samples: Sample[] = [];
  private readonly facts: [string, string | number][] = [];
  private readonly startedAt = performance.now();

  record(sample: Sample): void {
    this.samples.push(sample);
  }

  /** A number the scenario wants in its summary (units sold, orders, rows …). */
  fact(name: string, value: string | number): void {
    this.facts.push([name, value]);
  }

  /** Answers with this status or worse; status 0 means no answer (connection refused or reset). */
  countAtLeast(status: number): number {
    return this.samples.filter((sample) => sample.status >= status).length;
  }

  print(title: string): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    console.log(`  figures for ${title}: ${this.samples.length} requests in ${seconds.toFixed(1)} s`);
    const labels = [...new Set(this.samples.map((sample) => sample.label))];
    for (const label of labels) {
      const mine = this.samples.filter((sample) => sample.label === label);
      const statuses = new Map<number, number>();
      for (const sample of mine) statuses.set(sample.status, (statuses.get(sample.status) ?? 0) + 1);
      const durations = mine.map((sample) => sample.ms).sort((a, b) => a - b);
      const statusText = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status === 0 ? "no answer" : status}×${count}`)
        .join(" ");
      console.log(
        `    ${label.padEnd(34)} ${String(mine.length).padStart(5)} req  ${statusText.padEnd(24)} p50 ${ms(percentile(durations, 50))}, p99 ${ms(percentile(durations, 99))}, max ${ms(durations.at(-1) ?? Number.NaN)}`,
      );
    }
    for (const [name, value] of this.facts) console.log(`    ${name}: ${value}`);
  }
}
