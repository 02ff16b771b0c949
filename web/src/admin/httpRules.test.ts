import { describe, expect, it } from 'vitest';
import { httpBody, httpDraftOf, parseHeaders, validateHttp } from './httpRules';

const stored = {
  method: 'GET',
  headers: { Authorization: '<redacted>', 'X-Trace': 'on' },
  body: null,
  body_contains: null,
  json_pointer: '/status',
  json_equals: 'ok',
  max_redirects: 5,
  tls_verify: true,
};

describe('HTTP settings in the monitor editor', () => {
  it('reads stored settings as text and writes them back unchanged', () => {
    const draft = httpDraftOf(stored);
    expect(draft.headers).toBe('Authorization: <redacted>\nX-Trace: on');
    expect(draft.json_equals).toBe('"ok"');
    expect(validateHttp(draft)).toEqual({});
    // "<redacted>" goes back as it came: the server keeps the stored secret.
    expect(httpBody(draft, stored)).toEqual({ ...stored, json_equals: 'ok' });
  });

  it('removes a deleted header with null (a merge patch) and clears emptied fields', () => {
    const draft = { ...httpDraftOf(stored), headers: 'x-trace: off', json_pointer: '', json_equals: '' };
    expect(httpBody(draft, stored)).toMatchObject({
      headers: { Authorization: null, 'X-Trace': null, 'x-trace': 'off' },
      json_pointer: null,
      json_equals: null,
    });
  });

  it('checks the lines, the JSON and the limits as the server does', () => {
    expect(parseHeaders('Accept: */*\n\nX-A: 1').pairs).toEqual([['Accept', '*/*'], ['X-A', '1']]);
    expect(parseHeaders('no colon here').error).toBe('line 1: must be “Name: value” with an HTTP header name');
    expect(parseHeaders('A: 1\nHost: x').error).toBe('line 2: Host is set by the check itself');
    expect(parseHeaders('A: 1\na: 2').error).toBe('line 2: a is listed twice');
    expect(parseHeaders('A: tab\tis fine').error).toBeNull();
    expect(parseHeaders(Array.from({ length: 21 }, (_, i) => `H${String(i)}: v`).join('\n')).error).toBe('must hold at most 20 headers');
    const base = httpDraftOf(null);
    expect(validateHttp({ ...base, json_pointer: 'status', json_equals: '1' })['http/json_pointer']).toMatch(/starting with \//);
    expect(validateHttp({ ...base, json_pointer: '/status' })['http/json_equals']).toBe('json_pointer and json_equals go together');
    expect(validateHttp({ ...base, json_pointer: '/s', json_equals: 'ok' })['http/json_equals']).toMatch(/must be a JSON value/);
    expect(validateHttp({ ...base, max_redirects: '11' })['http/max_redirects']).toBe('must be 0 to 10');
    expect(validateHttp({ ...base, body_contains: 'é'.repeat(513) })['http/body_contains']).toBe('must be at most 1024 bytes');
  });
});
