import { describe, expect, it } from 'vitest';
import { describeResult } from './MonitorEditor';
import { isHostPort, statusRanges, validateMonitor, type MonitorInput } from './rules';

const http: MonitorInput = {
  name: 'API',
  kind: 'http',
  target: 'https://api.example.org/healthz',
  interval: 60,
  timeout: 10,
  retries: 1,
  recovery_checks: 2,
  accepted_status: '200-299',
};

describe('monitor rules (server/src/domain/monitor.cpp)', () => {
  it('accepts the defaults of each kind', () => {
    expect(validateMonitor(http)).toEqual({});
    expect(validateMonitor({ ...http, kind: 'tcp', target: 'db.internal:5432' })).toEqual({});
    expect(validateMonitor({ ...http, kind: 'tls', target: 'example.org' })).toEqual({});
    expect(validateMonitor({ ...http, kind: 'push', target: '', timeout: 120, interval: 60 })).toEqual({});
  });

  it('reports every broken rule with the server message', () => {
    expect(
      validateMonitor({ ...http, name: '', target: 'example.org', interval: 0, timeout: 200, retries: 11, recovery_checks: 0, accepted_status: '99' }),
    ).toEqual({
      name: 'must not be empty',
      target: 'must be an absolute http:// or https:// URL of at most 2048 characters',
      interval: 'must be 1 to 86400 seconds',
      timeout: 'must be 0.1 to 120 seconds',
      retries: 'must be 0 to 10',
      recovery_checks: 'must be 1 to 20',
      'http/accepted_status': 'must be status codes or ranges from 100 to 599, e.g. 200-299',
    });
    expect(validateMonitor({ ...http, interval: 5, timeout: 6 }).timeout).toBe('must not be longer than the interval');
  });

  it.each([
    ['db.internal:5432', false, true],
    ['10.0.0.1:22', false, true],
    ['[2001:db8::1]:443', false, true],
    ['example.org', true, true],
    ['example.org', false, false],
    ['example.org:', false, false],
    ['2001:db8::1:443', false, false],
    ['[example.org]:443', false, false],
    ['host:0', false, false],
    ['host:65536', false, false],
    ['bad host:80', false, false],
  ])('host:port %s (default port: %s) → %s', (target, defaultPort, ok) => {
    expect(isHostPort(target, defaultPort)).toBe(ok);
  });

  it('parses accepted status lists', () => {
    expect(statusRanges('200-299, 301')).toEqual(['200-299', '301']);
    expect(statusRanges('299-200')).toBeNull();
    expect(statusRanges('600')).toBeNull();
    expect(statusRanges('')).toEqual([]);
  });
});

describe('describeResult', () => {
  it('says what a check found in a line', () => {
    const timings = { dns_ms: 1, connect_ms: 1, tls_ms: null, first_byte_ms: 5, total_ms: 12.4 };
    const base = { at: '2026-11-27T00:00:00Z', tls_days_left: null, maintenance: false, message: null };
    expect(describeResult({ ...base, state: 'up', timings, status_code: 200, error: null })).toBe('Up · HTTP 200 · 12 ms');
    expect(
      describeResult({
        ...base,
        state: 'down',
        timings: { ...timings, total_ms: null },
        status_code: null,
        error: 'connect',
        message: 'Connection refused',
      }),
    ).toBe('Down · connect: Connection refused');
  });
});
