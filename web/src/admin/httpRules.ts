// An HTTP monitor's request and assertions as the console edits them, checked with the
// server's rules (server/src/domain/monitor.cpp check_http, api/monitor_json.cpp): headers
// as "Name: value" lines, the body, "body contains", a JSON pointer with its expected
// value, redirects and certificate verification.
import type { FieldErrors } from './rules';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export interface HttpDraft {
  method: Method;
  headers: string; // "Name: value" per line
  body: string;
  body_contains: string;
  json_pointer: string;
  json_equals: string; // JSON text
  max_redirects: string;
  tls_verify: boolean;
}

export interface HttpSettingsIn {
  method: string;
  headers: Record<string, string>;
  body: string | null;
  body_contains: string | null;
  json_pointer: string | null;
  json_equals?: unknown;
  max_redirects: number;
  tls_verify: boolean;
}

export function httpDraftOf(h: HttpSettingsIn | null | undefined): HttpDraft {
  return {
    method: (h?.method ?? 'GET') as Method,
    headers: Object.entries(h?.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    body: h?.body ?? '',
    body_contains: h?.body_contains ?? '',
    json_pointer: h?.json_pointer ?? '',
    json_equals: h?.json_pointer && h.json_equals !== undefined ? JSON.stringify(h.json_equals) : '',
    max_redirects: String(h?.max_redirects ?? 5),
    tls_verify: h?.tls_verify ?? true,
  };
}

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding']);
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** is_header_value() of the server: tabs and visible characters, no other controls. */
function isHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
  }
  return true;
}

/** "Name: value" lines → [name, value] pairs; blank lines are skipped. */
export function parseHeaders(text: string): { pairs: [string, string][]; error: string | null } {
  const pairs: [string, string][] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    const value = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (!TOKEN.test(name)) {
      return { pairs, error: `line ${String(i + 1)}: must be “Name: value” with an HTTP header name` };
    }
    if (RESERVED.has(name.toLowerCase())) {
      return { pairs, error: `line ${String(i + 1)}: ${name} is set by the check itself` };
    }
    if (!isHeaderValue(value) || bytes(value) > 4096) {
      return { pairs, error: `line ${String(i + 1)}: the value must be at most 4096 bytes without control characters` };
    }
    if (pairs.some(([n]) => n.toLowerCase() === name.toLowerCase())) {
      return { pairs, error: `line ${String(i + 1)}: ${name} is listed twice` };
    }
    pairs.push([name, value]);
  }
  if (pairs.length > 20) {
    return { pairs, error: 'must hold at most 20 headers' };
  }
  return { pairs, error: null };
}

export function validateHttp(d: HttpDraft): FieldErrors {
  const errors: FieldErrors = {};
  const headers = parseHeaders(d.headers);
  if (headers.error) errors['http/headers'] = headers.error;
  if (bytes(d.body) > 65_536) errors['http/body'] = 'must be at most 65536 bytes';
  if (bytes(d.body_contains) > 1024) errors['http/body_contains'] = 'must be at most 1024 bytes';
  if (d.json_pointer !== '' && !d.json_pointer.startsWith('/')) {
    errors['http/json_pointer'] = 'must be a JSON pointer starting with /, e.g. /status';
  }
  if ((d.json_pointer === '') !== (d.json_equals.trim() === '')) {
    errors[d.json_pointer === '' ? 'http/json_pointer' : 'http/json_equals'] = 'json_pointer and json_equals go together';
  } else if (d.json_equals.trim() !== '') {
    try {
      JSON.parse(d.json_equals);
    } catch {
      errors['http/json_equals'] = 'must be a JSON value: "ok", 1, true, {"a": 1}';
    }
  }
  const redirects = Number(d.max_redirects);
  if (!Number.isInteger(redirects) || redirects < 0 || redirects > 10) {
    errors['http/max_redirects'] = 'must be 0 to 10';
  }
  return errors;
}

/** The `http` members of a monitor's create or merge patch. On a patch, headers that were
 *  stored and are gone from the text are sent as null (a merge patch removes them), and a
 *  value read back as "<redacted>" and left so keeps the stored secret. */
export function httpBody(d: HttpDraft, before: HttpSettingsIn | null | undefined): Record<string, unknown> {
  // Every stored name removed, then the text's headers set: a name kept (in the same case)
  // overrides its removal; one whose case changed replaces the old spelling.
  const headers: Record<string, string | null> = Object.fromEntries(
    Object.keys(before?.headers ?? {}).map((name) => [name, null]),
  );
  for (const [name, value] of parseHeaders(d.headers).pairs) {
    headers[name] = value;
  }
  return {
    method: d.method,
    headers,
    body: d.body === '' ? null : d.body,
    body_contains: d.body_contains === '' ? null : d.body_contains,
    json_pointer: d.json_pointer === '' ? null : d.json_pointer,
    json_equals: d.json_pointer === '' ? null : (JSON.parse(d.json_equals) as unknown),
    max_redirects: Number(d.max_redirects),
    tls_verify: d.tls_verify,
  };
}
