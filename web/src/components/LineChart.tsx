import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Reads a theme colour at draw time, so the chart follows the theme toggle. */
function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export interface LineSeries {
  label: string;
  values: (number | null)[];
  /** A theme colour: '--accent', '--degraded'. */
  color: string;
  dashed?: boolean;
}

interface ChartSpec {
  /** Unix seconds, one per point. */
  times: number[];
  series: LineSeries[];
  format: (value: number | null) => string;
  /** Fixed y range (the budget: 0 % to 100 %); by default uPlot fits the data. */
  range?: [number, number];
}

const HEIGHT = 220;

function options(width: number, spec: ChartSpec): uPlot.Options {
  const text = cssVar('--muted');
  const grid = cssVar('--border');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const range = spec.range;
  return {
    width,
    height: HEIGHT,
    legend: { show: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true },
      ...(range ? { y: { range: (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [Math.min(range[0], min), Math.max(range[1], max)] } } : {}),
    },
    axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((t) => spec.format(t)), size: 70 }],
    series: [
      {},
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: cssVar(s.color),
        width: 2,
        spanGaps: false,
        ...(s.dashed ? { dash: [6, 4] } : {}),
        value: (_u: uPlot, v: number | null) => spec.format(v),
      })),
    ],
  };
}

/** A time series drawn with uPlot (loaded on first use), redrawn on resize and theme
 *  changes, with the same figures as a table for screen readers and keyboard users. */
export function LineChart({
  times,
  series,
  format,
  range,
  label,
  timeHeading,
  timeText,
}: ChartSpec & {
  label: string;
  timeHeading: string;
  timeText: (unixSeconds: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) {
      return undefined;
    }
    let plot: uPlot | undefined;
    let cancelled = false;
    const spec: ChartSpec = { times, series, format, ...(range ? { range } : {}) };
    const data: uPlot.AlignedData = [times, ...series.map((s) => s.values)];
    const draw = () => {
      plot?.destroy();
      void import('uplot').then(({ default: UPlot }) => {
        if (!cancelled) {
          plot = new UPlot(options(el.clientWidth || 600, spec), data, el);
        }
      });
    };
    draw();
    const resize = new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: HEIGHT }));
    resize.observe(el);
    const theme = new MutationObserver(draw);
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      cancelled = true;
      resize.disconnect();
      theme.disconnect();
      plot?.destroy();
    };
  }, [times, series, format, range]);

  return (
    <figure>
      <div ref={box} className="chart" aria-hidden="true" />
      <figcaption className="visually-hidden">{label}</figcaption>
      <details className="data-table">
        <summary>{label}: show as a table</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{timeHeading}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((t, i) => (
              <tr key={t}>
                <td>{timeText(t)}</td>
                {series.map((s) => (
                  <td key={s.label}>{format(s.values[i] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
