/** Order statistics over timings; every figure the suite prints goes through these. */

/** The middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile (p in 0–100): the smallest value with at least p% of the samples at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Sampling {
  /** Always at least this many timed calls. */
  min: number;
  /** Never more than this many. */
  max: number;
  /** Stop once this much time went by (after `min` calls), so slow designs do not stretch the suite. */
  budgetMs: number;
}

/** Times `fn` repeatedly and returns each call's duration in milliseconds. */
export async function sample(fn: () => unknown, sampling: Sampling): Promise<number[]> {
  const durations: number[] = [];
  const start = performance.now();
  while (
    durations.length < sampling.max &&
    (durations.length < sampling.min || performance.now() - start < sampling.budgetMs)
  ) {
    const t0 = performance.now();
    await fn();
    durations.push(performance.now() - t0);
  }
  return durations;
}

/** The duration of one call of `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
