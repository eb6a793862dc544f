import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
// uPlot's stylesheet goes through Vite into the app's own CSS file: nothing is injected at run time, so the
// CSP's style-src 'self' holds. uPlot's sizes and marker colours are set through element.style (the CSSOM),
// which that CSP allows (test/e2e/foundation.test.ts proves the difference).
import 'uplot/dist/uPlot.min.css';

/** Everything uPlot takes but the size, which follows the container. */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/**
 * One uPlot instance for the life of the component: created in an effect with `options(host)` (the host is
 * where CSS variables can be read), sized to its container's width as the container changes, given new
 * `data` without being re-created, and destroyed on unmount. A new `options` function re-creates it, so pass
 * a memoised one that changes only when what it builds changes (the language, say).
 */
export function UPlotChart({
  options,
  data,
  height,
  className,
}: {
  options: (host: HTMLElement) => ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  className?: string | undefined;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  // The latest data, for a chart that is (re-)created after the data arrived.
  const dataRef = useRef(data);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const chart = new uPlot({ ...options(host), width: Math.max(1, host.clientWidth), height }, dataRef.current, host);
    chartRef.current = chart;
    let width = host.clientWidth;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.floor(entry?.contentRect.width ?? 0);
      if (next > 0 && next !== width) {
        width = next;
        chart.setSize({ width, height });
      }
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    if (dataRef.current === data) return;
    dataRef.current = data;
    chartRef.current?.setData(data);
  }, [data]);

  return <div ref={hostRef} className={className} />;
}
