import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, request, withQuery } from './client';
import { isTransient } from './queryClient';
import { session } from './session';
import { answer, scriptFetch } from '../test/fetch';

const token = (value: string) => ({ access_token: value, token_type: 'Bearer', expires_in: 900 });

afterEach(async () => {
  scriptFetch([answer(204)]);
  await session.signOut();
});

describe('request', () => {
  it('builds query strings without empty members', () => {
    expect(withQuery('/api/v1/projects', { tag: 'c++', q: '', cursor: undefined, limit: 20 })).toBe(
      '/api/v1/projects?tag=c%2B%2B&limit=20',
    );
  });

  it('turns a problem+json answer into an ApiError with its field errors', async () => {
    scriptFetch([
      answer(422, {
        type: 'urn:vitrine:problem:validation-failed',
        title: 'Validation failed',
        status: 422,
        detail: 'The document breaks 2 rules.',
        errors: [
          { field: 'title', code: 'required', message: 'must not be empty' },
          { field: 'links/0/url', code: 'invalid_url', message: 'must be an absolute http:// or https:// URL' },
        ],
      }),
    ]);
    const error = await request('/api/v1/projects', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).message).toBe('The document breaks 2 rules.');
    expect((error as ApiError).fieldErrors).toEqual({
      title: 'must not be empty',
      'links/0/url': 'must be an absolute http:// or https:// URL',
    });
  });

  it('sends the token, and on a 401 refreshes once and retries', async () => {
    session.accept(token('old'));
    const calls = scriptFetch([answer(401, { type: 'urn:vitrine:problem:invalid-token', title: 't', status: 401, detail: 'expired' }), answer(200, token('new')), answer(200, { ok: true })]);
    const { data } = await request<{ ok: boolean }>('/api/v1/me');
    expect(data.ok).toBe(true);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/me', '/api/v1/auth/refresh', '/api/v1/me']);
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe('Bearer old');
    expect(new Headers(calls[1]?.init?.headers).get('x-requested-with')).toBe('vitrine');
    expect(new Headers(calls[2]?.init?.headers).get('authorization')).toBe('Bearer new');
    expect(session.getState()).toBe('signed-in');
  });

  it('signs out when the refresh is refused too', async () => {
    session.accept(token('old'));
    scriptFetch([answer(401, {}), answer(401, {})]);
    await expect(request('/api/v1/me')).rejects.toMatchObject({ status: 401 });
    expect(session.getState()).toBe('signed-out');
  });

  it('never sends a token on anonymous requests (the public views)', async () => {
    session.accept(token('secret'));
    const calls = scriptFetch([answer(200, [])]);
    await request('/api/v1/projects', { anonymous: true });
    expect(new Headers(calls[0]?.init?.headers).has('authorization')).toBe(false);
  });

  it('sends PATCH bodies as merge patches with If-Match', async () => {
    const calls = scriptFetch([answer(200, {}, { etag: '"v2"' })]);
    const r = await request('/api/v1/settings', { method: 'PATCH', body: { name: 'x' }, ifMatch: '"v1"' });
    const headers = new Headers(calls[0]?.init?.headers);
    expect(headers.get('content-type')).toBe('application/merge-patch+json');
    expect(headers.get('if-match')).toBe('"v1"');
    expect(r.etag).toBe('"v2"');
  });
});

describe('the error policy', () => {
  it('retries 5xx and lost connections, never 4xx', async () => {
    scriptFetch([answer(503, { detail: 'database unavailable' })]);
    const unavailable = await request('/api/v1/status').catch((e: unknown) => e);
    expect(isTransient(unavailable)).toBe(true);
    expect(isTransient(new NetworkError(new TypeError('offline')))).toBe(true);
    expect(isTransient(new ApiError(404, null, 'Not Found'))).toBe(false);
    expect(isTransient(new ApiError(403, null, 'Forbidden'))).toBe(false);
  });
});
