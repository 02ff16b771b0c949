// The browser's copies of the server's rules, case by case with the server's own tests
// (server/src/domain/*_test.cpp, server/tests/test_slos.py, test_maintenance.py).
import { describe, expect, it } from 'vitest';
import {
  isValidEmail,
  validateIncidentUpdate,
  validateMaintenance,
  validateSlo,
  validateToken,
  validateUser,
  type MaintenanceInput,
  type SloInput,
} from './operationsRules';

const MONITOR = '01900000-0000-7000-8000-000000000001';

describe('validateSlo', () => {
  const good: SloInput = { name: 'API available', monitor_id: MONITOR, kind: 'availability', objective: 99.5, window: '30d', threshold_ms: null };

  it('accepts an availability and a latency objective on a bucket bound', () => {
    expect(validateSlo(good)).toEqual({});
    expect(validateSlo({ ...good, kind: 'latency', threshold_ms: 300, objective: 50 })).toEqual({});
    expect(validateSlo({ ...good, objective: 99.999 })).toEqual({});
  });

  it('names the fields the server names', () => {
    expect(validateSlo({ ...good, name: '', monitor_id: '', objective: 101 })).toEqual({
      name: 'must not be empty',
      monitor_id: 'choose the monitor it measures',
      objective: 'must be a percentage from 50 to 99.999',
    });
    expect(validateSlo({ ...good, objective: Number.NaN }).objective).toBeDefined();
    expect(validateSlo({ ...good, objective: 49.9 }).objective).toBeDefined();
    // 301 ms is between the bounds 300 and 400: the SLI would not be an exact count.
    expect(validateSlo({ ...good, kind: 'latency', threshold_ms: 301 }).threshold_ms).toBe('must be one of the latency bucket bounds');
  });
});

describe('validateMaintenance', () => {
  // 2026-11-29 is a Sunday (UTC).
  const good: MaintenanceInput = {
    name: 'Upgrade', description: '', monitor_id: MONITOR, project_id: null,
    starts_at: '2026-11-29T02:00:00.000Z', duration: 3600, rrule: '',
  };

  it('accepts a window once or repeating on its own weekday', () => {
    expect(validateMaintenance(good)).toEqual({});
    expect(validateMaintenance({ ...good, rrule: 'FREQ=WEEKLY;BYDAY=SA,SU' })).toEqual({});
    expect(validateMaintenance({ ...good, monitor_id: null, project_id: MONITOR })).toEqual({});
  });

  it('refuses what the server refuses', () => {
    expect(validateMaintenance({ ...good, monitor_id: null }).monitor_id).toBe('choose the monitor or project it covers');
    expect(validateMaintenance({ ...good, starts_at: '' }).starts_at).toBe('is required');
    expect(validateMaintenance({ ...good, starts_at: '1999-12-31T23:59:00Z' }).starts_at).toBe('must be 2000-01-01 or later');
    expect(validateMaintenance({ ...good, duration: 59 }).duration).toBeDefined();
    expect(validateMaintenance({ ...good, duration: 7 * 86_400 + 1 }).duration).toBeDefined();
    expect(validateMaintenance({ ...good, duration: 7 * 86_400 }).duration).toBeUndefined();
    expect(validateMaintenance({ ...good, rrule: 'FREQ=WEEKLY;BYDAY=MO' }).rrule).toBe(
      'BYDAY must include the weekday of the start (SU in UTC)',
    );
    expect(validateMaintenance({ ...good, name: 'x'.repeat(201) }).name).toBe('must be at most 200 characters');
  });
});

describe('isValidEmail', () => {
  it('matches is_valid_email() of the server', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', `${'x'.repeat(64)}@example.org`]) {
      expect(isValidEmail(ok), ok).toBe(true);
    }
    for (const bad of ['', 'no-at.example', '@example.org', 'a@b', 'a@.b.c', 'a@b.c.', 'a@b..c', 'a@@b.c',
      'a b@c.de', 'a<b@c.de', 'a,b@c.de', 'a"b@c.de', 'a\\b@c.de', 'a\u0001b@c.de', `${'x'.repeat(65)}@example.org`,
      `a@${'x'.repeat(250)}.org`]) {
      expect(isValidEmail(bad), bad).toBe(false);
    }
  });
});

describe('validateUser', () => {
  it('needs a password of 12 characters for a new user, none for an edit', () => {
    expect(validateUser({ email: 'a@b.co', display_name: '', password: 'twelve chars' }, true)).toEqual({});
    expect(validateUser({ email: 'a@b.co', display_name: '', password: 'eleven char' }, true).password).toBe(
      'must have at least 12 characters',
    );
    // Characters are code points: twelve emoji are twelve characters.
    expect(validateUser({ email: 'a@b.co', display_name: '', password: '🔑'.repeat(12) }, true)).toEqual({});
    expect(validateUser({ email: 'a@b.co', display_name: 'Ada', password: '' }, false)).toEqual({});
  });

  it('refuses a display name with edge spaces, and an empty one on an edit', () => {
    expect(validateUser({ email: 'a@b.co', display_name: ' Ada', password: '' }, false).display_name).toBe(
      'must not start or end with a space',
    );
    expect(validateUser({ email: 'a@b.co', display_name: '', password: '' }, false).display_name).toBe('must not be empty');
  });
});

describe('validateToken and validateIncidentUpdate', () => {
  it('checks the name, the scopes and the lifetime', () => {
    expect(validateToken({ name: 'CI', scopes: ['read'], days: 366 })).toEqual({});
    expect(validateToken({ name: '', scopes: [], days: 367 })).toEqual({
      name: 'must not be empty',
      scopes: 'choose at least one scope',
      expires_at: 'must be 1 to 366 days',
    });
  });

  it('keeps an update to one paragraph of at most 5000 characters', () => {
    expect(validateIncidentUpdate('Fixed.')).toEqual({});
    expect(validateIncidentUpdate('One\ntwo').body).toBe('must be one paragraph: no line breaks');
    expect(validateIncidentUpdate('').body).toBe('must not be empty');
    expect(validateIncidentUpdate('x'.repeat(5001)).body).toBe('must be at most 5000 characters');
  });
});
