import styles from './ReportPage.module.css';

// Delivered / failed / waiting over time as stacked bars, drawn as SVG by React. Why not uPlot: it paints on
// a canvas (no text for screen readers, blurry in screenshots at odd zooms) and sizes itself with style
// attributes from script; SVG with CSS classes needs nothing from the CSP, scales with the window, and its
// label says the figures in words.

export interface ChartSeries {
  delivered: readonly number[];
  failed: readonly number[];
  waiting: readonly number[];
}

const WIDTH = 480;
const HEIGHT = 170;
const LEFT = 40;
const BOTTOM = 22;
const TOP = 8;

/** A round ceiling for the axis: 1, 2, 5 × 10ⁿ. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function ReportChart({ label, series, tickLabels, formatCount }: { label: string; series: ChartSeries; tickLabels: readonly string[]; formatCount: (n: number) => string }) {
  const buckets = series.delivered.length;
  const totals = series.delivered.map((d, i) => d + (series.failed[i] ?? 0) + (series.waiting[i] ?? 0));
  const top = niceMax(Math.max(0, ...totals));
  const plotWidth = WIDTH - LEFT - 4;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = buckets > 0 ? plotWidth / buckets : plotWidth;
  const barWidth = Math.max(1, slot * 0.78);
  const y = (value: number) => (value / top) * plotHeight;
  // At most ~8 labels under the bars, evenly spread, always the first and the last.
  const every = Math.max(1, Math.ceil(buckets / 8));
  // The last bucket is always labelled; a regular label too close to it gives way.
  const ticks = tickLabels.map((text, i) => ({ text, i })).filter(({ i }) => i === buckets - 1 || (i % every === 0 && buckets - 1 - i >= every));

  return (
    <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line className={styles.grid} x1={LEFT} x2={WIDTH - 4} y1={TOP + plotHeight - f * plotHeight} y2={TOP + plotHeight - f * plotHeight} />
          <text className={styles.axis} x={LEFT - 6} y={TOP + plotHeight - f * plotHeight + 4} textAnchor="end">
            {formatCount(Math.round(top * f))}
          </text>
        </g>
      ))}
      {totals.map((_, i) => {
        const x = LEFT + i * slot + (slot - barWidth) / 2;
        const delivered = y(series.delivered[i] ?? 0);
        const failed = y(series.failed[i] ?? 0);
        const waiting = y(series.waiting[i] ?? 0);
        const base = TOP + plotHeight;
        return (
          <g key={i}>
            {delivered > 0 ? <rect className={styles.delivered} x={x} width={barWidth} y={base - delivered} height={delivered} /> : null}
            {failed > 0 ? <rect className={styles.failed} x={x} width={barWidth} y={base - delivered - failed} height={failed} /> : null}
            {waiting > 0 ? <rect className={styles.waiting} x={x} width={barWidth} y={base - delivered - failed - waiting} height={waiting} /> : null}
          </g>
        );
      })}
      {ticks.map(({ text, i }) => (
        <text key={i} className={styles.axis} x={LEFT + i * slot + slot / 2} y={HEIGHT - 6} textAnchor={i === 0 ? 'start' : i === buckets - 1 ? 'end' : 'middle'}>
          {text}
        </text>
      ))}
    </svg>
  );
}
