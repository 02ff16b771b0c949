import type { MonitorSummary } from '../api/types';

type Bucket = MonitorSummary['buckets'][number];

/** Uptime of the last `days` daily buckets, time-weighted as the server does it:
 *  1 - downtime / observed time; null when nothing was observed. */
export function uptimeOfLast(buckets: Bucket[], days: number): number | null {
  let observed = 0;
  let down = 0;
  for (const b of buckets.slice(-days)) {
    observed += b.observed_seconds;
    down += b.downtime_seconds;
  }
  return observed > 0 ? 1 - down / observed : null;
}
