import type { MonitorSummary } from '../api/types';
import { day, percent } from '../lib/format';

type Bucket = MonitorSummary['buckets'][number];

/** The class of a day: fully up, a little down, down a lot, or not observed. */
export function bucketClass(uptime: number | null): 'up' | 'degraded' | 'down' | 'nodata' {
  if (uptime === null) {
    return 'nodata';
  }
  if (uptime >= 0.999) {
    return 'up';
  }
  return uptime >= 0.99 ? 'degraded' : 'down';
}

/** A sentence for screen readers: the overall figure and the days that were not fully up. */
export function uptimeSummary(buckets: Bucket[], overall: number | null): string {
  const observed = buckets.filter((b) => b.uptime !== null);
  const bad = observed.filter((b) => (b.uptime ?? 1) < 0.999);
  if (observed.length === 0) {
    return `No checks in the last ${buckets.length} days.`;
  }
  const count = (n: number) => (n === 1 ? '1 day' : `${n} days`);
  return `Uptime ${percent(overall)} over ${count(observed.length)} observed; ${count(bad.length)} with downtime.`;
}

/** One bar per day, oldest on the left, like a status page. */
export function UptimeBar({ summary }: { summary: MonitorSummary }) {
  const n = summary.buckets.length;
  const gap = 1;
  const width = 4;
  const label = uptimeSummary(summary.buckets, summary.uptime);
  return (
    <svg
      className="uptime-bar"
      viewBox={`0 0 ${n * (width + gap)} 28`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {summary.buckets.map((b, i) => (
        <rect
          key={b.start}
          className={bucketClass(b.uptime)}
          x={i * (width + gap)}
          y={0}
          width={width}
          height={28}
          rx={1}
        >
          <title>{`${day(b.start)}: ${percent(b.uptime)}`}</title>
        </rect>
      ))}
    </svg>
  );
}
