// Chart library: uPlot (1.6). It fits the strict CSP: its stylesheet ships in the app's CSS file through Vite and
// it only sets sizes and colours through element.style, which style-src 'self' allows. It is small (~50 kB), draws
// thousands of bars on a canvas without a frame's delay, and has a live legend for the figures under the cursor.
// A canvas says nothing to a screen reader, so the chart carries a label with its figures and a table sits beside it.
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { labelledBuckets, niceMax, stackedBars, STACK_BANDS, STACK_ORDER, type ChartSeries } from './chart-data';
import styles from './ReportPage.module.css';
import { UPlotChart, type ChartOptions } from './UPlotChart';

export type { ChartSeries } from './chart-data';

const HEIGHT = 230;
const AXIS_FONT_PX = 12;
/** An axis label's width, roughly, per character at AXIS_FONT_PX, and the room kept between two labels. */
const CHAR_PX = 7;
const LABEL_GAP_PX = 18;
const LINE_PX = 15;

interface ChartWords {
  /** The layers' names in the legend, in STACK_ORDER. */
  names: Record<(typeof STACK_ORDER)[number], string>;
  /** What the legend says for the bucket when the cursor is off the chart (the whole range). */
  rangeText: string;
}

/** The app's colours and font, read once from CSS variables at mount: a canvas needs concrete values. */
function readTheme(host: HTMLElement) {
  const css = getComputedStyle(host);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    delivered: read('--good', '#116329'),
    failed: read('--bad', '#c62828'),
    waiting: read('--waiting', '#d49b00'),
    muted: read('--muted', '#5f6b7a'),
    line: read('--line', '#dde1e7'),
    font: `${AXIS_FONT_PX}px ${css.fontFamily || 'system-ui, sans-serif'}`,
  };
}

/**
 * Delivered / failed / waiting per bucket as stacked bars (uPlot's bars path, stacking done in the data), with
 * dates under the axis, counts beside it, and a legend that reads the bucket under the cursor (the range's totals
 * otherwise). `tickLabels` are short (under the axis, a line break allowed), `bucketLabels` say the whole bucket (in
 * the legend).
 */
export function ReportChart({
  label,
  series,
  tickLabels,
  bucketLabels,
  formatCount,
  words,
}: {
  label: string;
  series: ChartSeries;
  tickLabels: readonly string[];
  bucketLabels: readonly string[];
  formatCount: (n: number) => string;
  words: ChartWords;
}) {
  // uPlot's callbacks read the latest figures and labels from here, so new data needs no new chart. A layout
  // effect runs before the wrapper's passive one that hands uPlot the new data and redraws.
  const latest = useRef({ series, tickLabels, bucketLabels, formatCount, words });
  useLayoutEffect(() => {
    latest.current = { series, tickLabels, bucketLabels, formatCount, words };
  });
  const data = useMemo(() => stackedBars(series), [series]);
  const { names } = words;

  const options = useCallback(
    (host: HTMLElement): ChartOptions => {
      const theme = readTheme(host);
      const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
      const layer = (key: (typeof STACK_ORDER)[number]): uPlot.Series => ({
        label: names[key],
        fill: theme[key],
        stroke: theme[key],
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.78, 64], align: 0 }),
        points: { show: false },
        // The legend says the layer's own count (the data holds running totals).
        value: (_u, _v, _si, idx) => {
          const own = latest.current.series[key];
          return latest.current.formatCount(idx == null ? sum(own) : (own[idx] ?? 0));
        },
      });
      const axis = { font: theme.font, stroke: theme.muted, ticks: { stroke: theme.line, size: 4 } };
      const lines = (label: string) => label.split('\n');
      /** Roughly how wide a label is drawn: its longest line. */
      const labelPx = (label: string) => Math.max(1, ...lines(label).map((line) => line.length)) * CHAR_PX;
      return {
        // Room on the right for half of the last date, which sits under the last bar.
        padding: [10, () => Math.max(12, Math.ceil(labelPx(latest.current.tickLabels.at(-1) ?? '') / 2)), 0, 0],
        legend: { live: true },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
        scales: {
          x: { time: false, range: (u) => [-0.5, Math.max(0, (u.data[0]?.length ?? 1) - 0.5)] },
          y: { range: (_u, _min, max) => [0, niceMax(max ?? 0)] },
        },
        bands: STACK_BANDS.map((band) => ({ series: [...band.series] })),
        series: [
          {
            label: '',
            value: (_u, _v, _si, idx) => (idx == null ? latest.current.words.rangeText : (latest.current.bucketLabels[idx] ?? '')),
          },
          ...STACK_ORDER.map(layer),
        ],
        axes: [
          {
            ...axis,
            // A label may have two lines (an hour over its day).
            size: () => 12 + LINE_PX * Math.max(1, ...latest.current.tickLabels.map((t) => lines(t).length)),
            grid: { show: false },
            // As many dates as fit the width, always the first and the last bucket.
            splits: (u) => {
              const { tickLabels: ticks } = latest.current;
              const widest = Math.max(1, ...ticks.map(labelPx)) + LABEL_GAP_PX;
              const plotWidth = u.bbox.width / uPlot.pxRatio;
              return labelledBuckets(ticks.length, Math.floor(plotWidth / widest));
            },
            values: (_u, splits) => splits.map((i) => latest.current.tickLabels[i] ?? ''),
          },
          {
            ...axis,
            grid: { stroke: theme.line, width: 1 },
            size: 48,
            space: 32,
            // Whole messages only: 1, 2, 5 × 10ⁿ steps.
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6],
            values: (_u, splits) => splits.map((n) => latest.current.formatCount(n)),
          },
        ],
      };
    },
    // A new chart only when the layers' names change (the language); figures and labels are read through `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [names.delivered, names.failed, names.waiting],
  );

  return (
    <div className={styles.chart} role="img" aria-label={label}>
      <UPlotChart options={options} data={data} height={HEIGHT} className={styles.plot} />
    </div>
  );
}
