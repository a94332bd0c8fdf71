/** One line of the printed table, and how figures are written in it. */
export interface Row {
  benchmark: string;
  measure: string;
  result: string;
  /** The issue's target, when it sets one. */
  target?: string;
  /** Whether the result meets the target; omitted when there is none. */
  met?: boolean;
  /** The comparison design's figure, measured in the same runs. */
  baseline?: string;
  /** Ours ÷ baseline: the median of the per-run ratios. */
  ratio?: string;
  /** How the figure was obtained, e.g. `5 × 200 ticks`. */
  runs: string;
}

/** The result of one benchmark: its table rows and what the reader should know about them. */
export interface Section {
  rows: Row[];
  notes: string[];
}

/** A duration in the unit that keeps it readable: µs below 1 ms, s from 10 s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `0.0012 (830× less)`, `1.8 (80% more)`: the ratio and which way it goes. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  const digits = ratio >= 10 ? 0 : ratio >= 0.1 ? 2 : Math.max(2, 1 - Math.floor(Math.log10(ratio)));
  const value = ratio.toFixed(digits);
  if (ratio > 0.5 && ratio < 2) {
    const percent = Math.round(Math.abs(ratio - 1) * 100);
    return `${value} (${percent === 0 ? 'same' : `${percent}% ${ratio < 1 ? 'less' : 'more'}`})`;
  }
  if (ratio < 1) return `${value} (${formatTimes(1 / ratio)} less)`;
  return `${value} (${formatTimes(ratio)} more)`;
}

function formatTimes(x: number): string {
  return `${x >= 100 ? formatCount(Math.round(x)) : x.toFixed(x >= 10 ? 0 : 1)}×`;
}

/** The rows as a Markdown table, so the output can be pasted into BENCHMARKS.md as it is. */
export function markdownTable(rows: readonly Row[]): string {
  const header = [
    'Benchmark',
    'Measure',
    'Result',
    'Target',
    'Met',
    'Baseline (same runs)',
    'Ours ÷ baseline',
    'Runs',
  ];
  const lines = rows.map((r) => [
    r.benchmark,
    r.measure,
    r.result,
    r.target ?? '—',
    r.met === undefined ? '—' : r.met ? 'yes' : '**no**',
    r.baseline ?? '—',
    r.ratio ?? '—',
    r.runs,
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join(
    '\n',
  );
}
