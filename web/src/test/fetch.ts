// A scripted fetch for component tests: each call takes the next answer and is recorded.
// The browser tests (e2e/) run the same code against the real server.
import { vi } from 'vitest';

export interface Call {
  url: string;
  init: RequestInit | undefined;
}

export function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type, ...headers },
  });
}

export function scriptFetch(answers: (Response | ((call: Call) => Response))[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      const next = answers.shift();
      if (!next) {
        return Promise.reject(new TypeError(`unexpected fetch ${url}`));
      }
      return Promise.resolve(typeof next === 'function' ? next(call) : next);
    }),
  );
  return calls;
}
