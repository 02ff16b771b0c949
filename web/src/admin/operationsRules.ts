// The server's rules for the console's operational resources, checked before a request is
// sent, with the server's field names (server/src/domain/slo.cpp, maintenance.cpp,
// user.cpp, api_token.cpp, incident.cpp; auth/password.cpp). The server stays the
// authority: its 422 lands on the same fields.
import { hasControl, length, text, type FieldErrors } from './rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** LatencyHistogram::kBoundsMs: a latency SLO's threshold is one of them, so its SLI is an
 *  exact count of the checks in the buckets at or below it. */
export const LATENCY_BOUNDS_MS = [
  1, 2, 3, 4, 5, 7, 10, 15, 20, 25, 30, 40, 50, 70, 100, 150, 200, 250, 300, 400, 500, 700, 1000,
  1500, 2000, 2500, 3000, 4000, 5000, 7000, 10000, 15000, 20000, 30000, 45000, 60000, 120000,
];

export type SloKind = 'availability' | 'latency';
export type SloWindow = '7d' | '28d' | '30d';

export interface SloInput {
  name: string;
  monitor_id: string;
  kind: SloKind;
  /** A percentage, as the API takes it. */
  objective: number;
  window: SloWindow;
  threshold_ms: number | null;
}

export function validateSlo(s: SloInput): FieldErrors {
  const errors: FieldErrors = {};
  text(errors, 'name', s.name, 1, 200);
  if (!UUID.test(s.monitor_id)) {
    errors.monitor_id = 'choose the monitor it measures';
  }
  if (!(s.objective >= 50 && s.objective <= 99.999)) {
    errors.objective = 'must be a percentage from 50 to 99.999';
  }
  if (s.kind === 'latency' && !LATENCY_BOUNDS_MS.includes(s.threshold_ms ?? -1)) {
    errors.threshold_ms = 'must be one of the latency bucket bounds';
  }
  return errors;
}

export interface MaintenanceInput {
  name: string;
  description: string;
  monitor_id: string | null;
  project_id: string | null;
  /** ISO 8601 in UTC, or '' when not given. */
  starts_at: string;
  /** Seconds. */
  duration: number;
  rrule: string;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The BYDAY days of an RRULE ("FREQ=WEEKLY;BYDAY=MO,TH" → ['MO', 'TH']), or null. */
function byDay(rrule: string): string[] | null {
  const part = rrule
    .toUpperCase()
    .split(';')
    .find((p) => p.startsWith('BYDAY='));
  return part ? part.slice('BYDAY='.length).split(',') : null;
}

export function validateMaintenance(m: MaintenanceInput): FieldErrors {
  const errors: FieldErrors = {};
  text(errors, 'name', m.name, 1, 200);
  text(errors, 'description', m.description, 0, 2000);
  if (!m.monitor_id && !m.project_id) {
    errors.monitor_id = 'choose the monitor or project it covers';
  }
  const start = Date.parse(m.starts_at);
  if (Number.isNaN(start)) {
    errors.starts_at = 'is required';
  } else if (start < Date.UTC(2000, 0, 1)) {
    errors.starts_at = 'must be 2000-01-01 or later';
  }
  if (!Number.isInteger(m.duration) || m.duration < 60 || m.duration > 7 * 86_400) {
    errors.duration = 'must be 1 minute to 7 days';
  }
  const days = byDay(m.rrule);
  const weekday = WEEKDAYS[new Date(start).getUTCDay()];
  if (days && !Number.isNaN(start) && weekday && !days.includes(weekday)) {
    errors.rrule = `BYDAY must include the weekday of the start (${weekday} in UTC)`;
  }
  return errors;
}

/** Exactly is_valid_email() of the server: one '@' after 1 to 64 bytes, a dotted domain, no
 *  spaces, controls or <>,;"\ and at most 254 bytes. */
export function isValidEmail(email: string): boolean {
  if (email === '' || new TextEncoder().encode(email).length > 254) {
    return false;
  }
  if (hasControl(email, false) || /[ <>,;"\\]/.test(email)) {
    return false;
  }
  const at = email.indexOf('@');
  if (at <= 0 || new TextEncoder().encode(email.slice(0, at)).length > 64 || email.includes('@', at + 1)) {
    return false;
  }
  const domain = email.slice(at + 1);
  return domain.includes('.') && !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('..');
}

export interface UserInput {
  email: string;
  display_name: string;
  /** '' keeps the current password (an existing user). */
  password: string;
}

export function validateUser(u: UserInput, isNew: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (!isValidEmail(u.email)) {
    errors.email = 'must be an email address (local@domain.tld, at most 254 bytes)';
  }
  if (u.display_name !== '' && u.display_name.trim() !== u.display_name) {
    errors.display_name = 'must not start or end with a space';
  } else if (u.display_name !== '' || !isNew) {
    text(errors, 'display_name', u.display_name, 1, 100);
  }
  if (isNew || u.password !== '') {
    if (length(u.password) < 12) {
      errors.password = 'must have at least 12 characters';
    } else if (new TextEncoder().encode(u.password).length > 1024) {
      errors.password = 'must be at most 1024 bytes';
    }
  }
  return errors;
}

export interface TokenInput {
  name: string;
  scopes: string[];
  /** Days from now. */
  days: number;
}

export function validateToken(t: TokenInput): FieldErrors {
  const errors: FieldErrors = {};
  text(errors, 'name', t.name, 1, 100);
  if (t.scopes.length === 0) {
    errors.scopes = 'choose at least one scope';
  }
  if (!Number.isInteger(t.days) || t.days < 1 || t.days > 366) {
    errors.expires_at = 'must be 1 to 366 days';
  }
  return errors;
}

export function validateIncidentUpdate(body: string): FieldErrors {
  const errors: FieldErrors = {};
  if (/[\r\n]/.test(body)) {
    errors.body = 'must be one paragraph: no line breaks';
  } else {
    text(errors, 'body', body, 1, 5000);
  }
  return errors;
}
