/** Latency summaries (nearest-rank percentiles) and small number helpers shared by the benchmarks. */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of `samples` (ms); undefined when there are none. */
export function summarize(samples: number[]): Summary | undefined {
  if (!samples.length) return undefined;
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  let sum = 0;
  for (const x of s) sum += x;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1]!, mean: sum / s.length };
}

export const median = (xs: number[]) => summarize(xs)?.p50 ?? NaN;

/** `1.23 ms`-style: one decimal under 100, none above. */
export const ms = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);

/** `2.4×`: how many times `a` is `b`. */
export const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) || a < 0 ? '–' : `${(a / b).toFixed(a / b < 10 ? 2 : 1)}×`);

export const int = (x: number) => Math.round(x).toLocaleString('en-US');

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
