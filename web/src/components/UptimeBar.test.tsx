import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MonitorSummary } from '../api/types';
import { uptimeOfLast } from '../lib/uptime';
import { bucketClass, UptimeBar } from './UptimeBar';

type Bucket = MonitorSummary['buckets'][number];

function bucket(i: number, uptime: number | null, observed = 86_400): Bucket {
  const down = uptime === null ? 0 : observed * (1 - uptime);
  return {
    start: new Date(Date.UTC(2026, 8, 1 + i)).toISOString(),
    uptime,
    checks: 0,
    checks_up: 0,
    checks_degraded: 0,
    checks_down: 0,
    observed_seconds: uptime === null ? 0 : observed,
    downtime_seconds: down,
    degraded_seconds: 0,
    checks_maintenance: 0,
    maintenance_seconds: 0,
    latency_ms: { p50: null, p95: null, p99: null },
  };
}

function summary(buckets: Bucket[]): MonitorSummary {
  return {
    ...bucket(0, 0.99),
    monitor_id: '01a2147f-5deb-71d9-a08f-9cddcd928f79',
    window: '90d',
    from: buckets[0]?.start ?? '',
    to: buckets.at(-1)?.start ?? '',
    bucket_seconds: 86_400,
    buckets,
  };
}

describe('UptimeBar', () => {
  it('draws one bar per day, coloured by how much of it was up, with a text alternative', () => {
    const days = [bucket(0, null), bucket(1, 1), bucket(2, 0.995), bucket(3, 0.5)];
    const { container } = render(<UptimeBar summary={summary(days)} />);
    const classes = [...container.querySelectorAll('rect')].map((r) => r.getAttribute('class'));
    expect(classes).toEqual(['nodata', 'up', 'degraded', 'down']);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Uptime 99.00 % over 3 days observed; 2 days with downtime.',
    );
  });

  it('says so when nothing was observed', () => {
    render(<UptimeBar summary={summary([bucket(0, null), bucket(1, null)])} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('No checks in the last 2 days.');
  });

  it('classifies by the status-page thresholds', () => {
    expect([bucketClass(0.999), bucketClass(0.99), bucketClass(0.98), bucketClass(null)]).toEqual([
      'up',
      'degraded',
      'down',
      'nodata',
    ]);
  });
});

describe('uptimeOfLast', () => {
  it('weights days by observed time, as the server does', () => {
    const days = [bucket(0, 0), bucket(1, 1, 43_200), bucket(2, 1, 43_200)];
    expect(uptimeOfLast(days, 2)).toBe(1);
    expect(uptimeOfLast(days, 3)).toBe(0.5);
    expect(uptimeOfLast([bucket(0, null)], 7)).toBeNull();
  });
});
