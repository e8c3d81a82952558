/** The sample at percentile `p` (0–100) of sorted latencies. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Median, mean and 95th percentile of latencies in milliseconds. */
export function summary(samples: readonly number[]): { median: number; mean: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  return { median: percentile(sorted, 50), mean, p95: percentile(sorted, 95) };
}
