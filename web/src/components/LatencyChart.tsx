import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { MonitorSummary } from '../api/types';
import { ms, when } from '../lib/format';
import 'uplot/dist/uPlot.min.css';

/** Reads a theme colour at draw time, so the chart follows the theme toggle. */
function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function options(width: number): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: 220,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((t) => ms(t)), size: 70 }],
    series: [
      {},
      { label: 'p50', stroke: cssVar('--accent'), width: 2, spanGaps: false, value: (_u, v) => ms(v) },
      { label: 'p95', stroke: cssVar('--degraded'), width: 2, dash: [6, 4], spanGaps: false, value: (_u, v) => ms(v) },
    ],
  };
}

/** p50 and p95 latency per bucket (uPlot, loaded on first use), with the same figures as a
 *  table for screen readers and keyboard users. */
export function LatencyChart({ summary, label }: { summary: MonitorSummary; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) {
      return undefined;
    }
    let plot: uPlot | undefined;
    let cancelled = false;
    const data: uPlot.AlignedData = [
      summary.buckets.map((b) => Date.parse(b.start) / 1000),
      summary.buckets.map((b) => b.latency_ms.p50),
      summary.buckets.map((b) => b.latency_ms.p95),
    ];
    const draw = () => {
      plot?.destroy();
      void import('uplot').then(({ default: UPlot }) => {
        if (!cancelled) {
          plot = new UPlot(options(el.clientWidth || 600), data, el);
        }
      });
    };
    draw();
    // Redraw on resize and when the theme changes (html[data-theme]).
    const resize = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelled = true;
      resize.disconnect();
      theme.disconnect();
      plot?.destroy();
    };
  }, [summary]);

  return (
    <figure>
      <div ref={box} className="chart" aria-hidden="true" />
      <figcaption className="visually-hidden">{label}</figcaption>
      <details className="data-table">
        <summary>{label}: show as a table</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
            </tr>
          </thead>
          <tbody>
            {summary.buckets.map((b) => (
              <tr key={b.start}>
                <td>{when(b.start)}</td>
                <td>{ms(b.latency_ms.p50)}</td>
                <td>{ms(b.latency_ms.p95)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
