// What the report's chart draws, as plain numbers: the stacked bars, the axis' round top and which buckets
// get a date under them. Kept apart from uPlot and React so the arithmetic is tested on its own.

export interface ChartSeries {
  delivered: readonly number[];
  failed: readonly number[];
  waiting: readonly number[];
}

/** The stack, bottom to top: delivered, then failed, then waiting. */
export const STACK_ORDER = ['delivered', 'failed', 'waiting'] as const;

/**
 * uPlot's aligned data for stacked bars: x is the bucket's index, then one running total per layer
 * (delivered; delivered + failed; delivered + failed + waiting). Each layer is drawn from the one under it,
 * so a bar's height is its own count and the top of the stack is the bucket's total.
 */
export function stackedBars(series: ChartSeries): [number[], ...number[][]] {
  const buckets = series.delivered.length;
  const x = Array.from({ length: buckets }, (_, i) => i);
  const running = new Array<number>(buckets).fill(0);
  const layers = STACK_ORDER.map((key) => running.map((_, i) => (running[i]! += series[key][i] ?? 0)));
  return [x, ...layers];
}

/** uPlot bands that make each layer start where the one under it ends: [upper series, lower series]. */
export const STACK_BANDS: { series: [number, number] }[] = STACK_ORDER.slice(1).map((_, i) => ({ series: [i + 2, i + 1] }));

/** A round ceiling for the axis: 1, 2, 5 × 10ⁿ. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

/**
 * Which buckets get a label under the axis, given room for `fit` labels: evenly spread, always the first and
 * the last, and a regular label too close to the last gives way to it.
 */
export function labelledBuckets(buckets: number, fit: number): number[] {
  if (buckets <= 0) return [];
  const every = Math.max(1, Math.ceil(buckets / Math.max(1, fit)));
  const picked: number[] = [];
  for (let i = 0; i < buckets - 1; i += every) if (buckets - 1 - i >= every) picked.push(i);
  picked.push(buckets - 1);
  return picked;
}
