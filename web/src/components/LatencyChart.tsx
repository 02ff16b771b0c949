import { useMemo } from 'react';
import type { MonitorSummary } from '../api/types';
import { ms, when } from '../lib/format';
import { LineChart, type LineSeries } from './LineChart';

const whenSeconds = (t: number) => when(new Date(t * 1000).toISOString());

/** p50 and p95 latency per bucket of a monitor's summary. */
export function LatencyChart({ summary, label }: { summary: MonitorSummary; label: string }) {
  const [times, series] = useMemo((): [number[], LineSeries[]] => [
    summary.buckets.map((b) => Date.parse(b.start) / 1000),
    [
      { label: 'p50', values: summary.buckets.map((b) => b.latency_ms.p50), color: '--accent' },
      { label: 'p95', values: summary.buckets.map((b) => b.latency_ms.p95), color: '--degraded', dashed: true },
    ],
  ], [summary]);
  return <LineChart times={times} series={series} format={ms} label={label} timeHeading="From" timeText={whenSeconds} />;
}
