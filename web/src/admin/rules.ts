// The server's validation rules, checked in the browser before a request is sent, with the
// server's field names and messages (server/src/domain/project.cpp, site_settings.cpp,
// monitor.cpp). The server stays the authority: its 422 lands on the same fields.
export type FieldErrors = Record<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLUG = /^[a-z0-9-]{1,64}$/;
const TAG = /^[a-z0-9][a-z0-9+.#-]{0,31}$/;

/** C0 controls and DEL, as the server's has_control(); `newlines` allows \n, \r and \t. */
export function hasControl(text: string, newlines: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(newlines && (c === 0x0a || c === 0x0d || c === 0x09))) {
      return true;
    }
  }
  return false;
}

/** Characters as the server counts them: code points, not UTF-16 units. */
export function length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) {
      n++; // a low surrogate is the second half of a code point already counted
    }
  }
  return n;
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function text(errors: FieldErrors, field: string, value: string, min: number, max: number): void {
  if (hasControl(value, false)) {
    errors[field] = 'must not contain control characters';
  } else if (length(value) < min) {
    errors[field] = 'must not be empty';
  } else if (length(value) > max) {
    errors[field] = `must be at most ${max} characters`;
  }
}

export function markdown(errors: FieldErrors, field: string, value: string, maxBytes: number): void {
  if (utf8Bytes(value) > maxBytes) {
    errors[field] = `must be at most ${maxBytes} bytes`;
  } else if (hasControl(value, true)) {
    errors[field] = 'must not contain control characters other than newline and tab';
  }
}

/** Exactly is_http_url() of the server: http:// or https:// (any case), an authority that
 *  does not start with ':' or '@', and no space, control character, '"', '<', '>' or '\\'. */
export function isHttpUrl(value: string): boolean {
  const m = /^https?:\/\//i.exec(value);
  if (!m) {
    return false;
  }
  const authority = value.slice(m[0].length).split(/[/?#]/)[0] ?? '';
  if (authority === '' || authority.startsWith(':') || authority.startsWith('@')) {
    return false;
  }
  return !hasControl(value, false) && !/[ "<>\\]/.test(value);
}

export function url(errors: FieldErrors, field: string, value: string): void {
  if (value.length > 2048) {
    errors[field] = 'must be at most 2048 characters';
  } else if (!isHttpUrl(value)) {
    errors[field] = 'must be an absolute http:// or https:// URL';
  }
}

export interface LinkInput {
  label: string;
  url: string;
}

export function links(errors: FieldErrors, items: LinkInput[]): void {
  if (items.length > 20) {
    errors.links = 'must have at most 20 items';
  }
  items.slice(0, 20).forEach((l, i) => {
    text(errors, `links/${i}/label`, l.label, 1, 100);
    url(errors, `links/${i}/url`, l.url);
  });
}

export interface ProjectInput {
  title: string;
  slug: string;
  summary: string;
  body_markdown: string;
  tags: string[];
  tech_stack: string[];
  links: LinkInput[];
  repo_url: string;
  demo_url: string;
  sort_order: number;
}

export function validateProject(p: ProjectInput): FieldErrors {
  const errors: FieldErrors = {};
  if (p.slug !== '') {
    if (!SLUG.test(p.slug)) {
      errors.slug = "must be 1-64 characters of a-z, 0-9 and '-'";
    } else if (UUID.test(p.slug)) {
      errors.slug = 'must not have the form of a UUID (ids use that form)';
    }
  }
  text(errors, 'title', p.title, 1, 200);
  text(errors, 'summary', p.summary, 0, 500);
  markdown(errors, 'body_markdown', p.body_markdown, 100 * 1024);
  if (p.tags.length > 20) {
    errors.tags = 'must have at most 20 items';
  }
  const seen = new Set<string>();
  p.tags.slice(0, 20).forEach((tag, i) => {
    if (!TAG.test(tag)) {
      errors[`tags/${i}`] = 'must start with a-z or 0-9, then up to 31 of a-z 0-9 + . # -';
    } else if (seen.has(tag)) {
      errors[`tags/${i}`] = 'is listed twice';
    }
    seen.add(tag);
  });
  if (p.tech_stack.length > 30) {
    errors.tech_stack = 'must have at most 30 items';
  }
  p.tech_stack.slice(0, 30).forEach((t, i) => { text(errors, `tech_stack/${i}`, t, 1, 64); });
  links(errors, p.links);
  if (p.repo_url) url(errors, 'repo_url', p.repo_url);
  if (p.demo_url) url(errors, 'demo_url', p.demo_url);
  if (!Number.isInteger(p.sort_order) || Math.abs(p.sort_order) > 1_000_000_000) {
    errors.sort_order = 'must be between -1000000000 and 1000000000';
  }
  return errors;
}

export interface SettingsInput {
  name: string;
  headline: string;
  location: string;
  about_markdown: string;
  links: LinkInput[];
}

export function validateSettings(s: SettingsInput): FieldErrors {
  const errors: FieldErrors = {};
  text(errors, 'name', s.name, 0, 100);
  text(errors, 'headline', s.headline, 0, 200);
  text(errors, 'location', s.location, 0, 100);
  markdown(errors, 'about_markdown', s.about_markdown, 20 * 1024);
  links(errors, s.links);
  return errors;
}

/** The error to show under a field: its own, or the first of its items ("tags/2" → tags). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) {
    return errors[field];
  }
  const prefix = `${field}/`;
  const key = Object.keys(errors).find((k) => k.startsWith(prefix));
  return key ? `${key.slice(prefix.length).replace(/\//g, ' ')}: ${errors[key] ?? ''}` : undefined;
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export type MonitorKind = 'http' | 'tcp' | 'tls' | 'push';

export interface MonitorInput {
  name: string;
  kind: MonitorKind;
  target: string;
  interval: number;
  timeout: number; // seconds
  retries: number;
  recovery_checks: number;
  accepted_status: string; // http: "200-299, 301"
}

/** is_host() of the server: 1-253 of letters, digits, '-', '.', '_' (and ':' in [IPv6]). */
function isHost(host: string): boolean {
  return host.length > 0 && host.length <= 253 && /^[A-Za-z0-9._:-]+$/.test(host);
}

/** parse_host_port() of the server: host:port, [IPv6]:port, or a bare host when the kind
 *  has a default port (tls: 443). */
export function isHostPort(target: string, defaultPort: boolean): boolean {
  let host: string;
  let port: string;
  if (target.startsWith('[')) {
    const close = target.indexOf(']');
    if (close < 0) return false;
    host = target.slice(1, close);
    const rest = target.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return false;
    port = rest.slice(1);
    if (!host.includes(':')) return false; // brackets are for IPv6 addresses only
  } else {
    const colon = target.lastIndexOf(':');
    host = colon < 0 ? target : target.slice(0, colon);
    port = colon < 0 ? '' : target.slice(colon + 1);
    if (host.includes(':') || (colon >= 0 && port === '')) return false;
  }
  if (!isHost(host)) return false;
  if (port === '') return defaultPort;
  const n = Number(port);
  return /^[0-9]+$/.test(port) && n >= 1 && n <= 65535;
}

/** "200-299, 301" → ["200-299", "301"] when every range is within 100-599 and ordered. */
export function statusRanges(text: string): string[] | null {
  const ranges = splitList(text);
  for (const r of ranges) {
    const m = /^([0-9]{3})(?:-([0-9]{3}))?$/.exec(r);
    const low = Number(m?.[1]);
    const high = Number(m?.[2] ?? m?.[1]);
    if (!m || low < 100 || high > 599 || low > high) {
      return null;
    }
  }
  return ranges;
}

/** domain/monitor.cpp validate(), without the server's VITRINE_MONITOR_MIN_INTERVAL (its
 *  422 names the interval when a shorter one is refused). */
export function validateMonitor(m: MonitorInput): FieldErrors {
  const errors: FieldErrors = {};
  text(errors, 'name', m.name, 1, 200);
  if (m.kind === 'http' && (m.target.length > 2048 || !isHttpUrl(m.target))) {
    errors.target = 'must be an absolute http:// or https:// URL of at most 2048 characters';
  } else if (m.kind === 'tcp' && !isHostPort(m.target, false)) {
    errors.target = 'must be host:port (a host name, IPv4 address or [IPv6] address)';
  } else if (m.kind === 'tls' && !isHostPort(m.target, true)) {
    errors.target = 'must be host or host:port (port 443)';
  } else if (m.kind === 'push' && m.target !== '') {
    errors.target = 'must be empty: a push monitor is called, it calls nobody';
  }
  if (!Number.isInteger(m.interval) || m.interval < 1 || m.interval > 86_400) {
    errors.interval = 'must be 1 to 86400 seconds';
  }
  if (!(m.timeout >= 0.1 && m.timeout <= 120)) {
    errors.timeout = 'must be 0.1 to 120 seconds';
  } else if (m.kind !== 'push' && m.timeout > m.interval) {
    errors.timeout = 'must not be longer than the interval';
  }
  if (!Number.isInteger(m.retries) || m.retries < 0 || m.retries > 10) {
    errors.retries = 'must be 0 to 10';
  }
  if (!Number.isInteger(m.recovery_checks) || m.recovery_checks < 1 || m.recovery_checks > 20) {
    errors.recovery_checks = 'must be 1 to 20';
  }
  if (m.kind === 'http') {
    const ranges = statusRanges(m.accepted_status);
    if (ranges === null) {
      errors['http/accepted_status'] = 'must be status codes or ranges from 100 to 599, e.g. 200-299';
    } else if (ranges.length === 0 || ranges.length > 10) {
      errors['http/accepted_status'] = 'must list 1 to 10 status ranges';
    }
  }
  return errors;
}
