// The one way the dashboard talks to the API: JSON in and out, problem+json errors as
// ApiError, the access token attached and refreshed once on a 401 (session.ts).
import type { Problem } from './types';
import { session } from './session';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? problem?.title ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The field errors of a 422, by field ("links/0/url" → message). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) {
      out[e.field] ??= e.message;
    }
    return out;
  }
}

/** The network failed (server down, connection reset): retried like a 5xx. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached.', { cause });
    this.name = 'NetworkError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Content type of `body`: JSON by default, merge patches for PATCH. */
  contentType?: string;
  ifMatch?: string;
  signal?: AbortSignal;
  /** Skip the token and the refresh (sign-in itself). */
  anonymous?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/v1/projects` + {tag: 'x', limit: 20} → `/api/v1/projects?tag=x&limit=20`. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<Problem | null> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return (await response.json()) as Problem;
  } catch {
    return null;
  }
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) {
    headers['Content-Type'] =
      options.contentType ??
      (options.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
  }
  if (options.ifMatch) {
    headers['If-Match'] = options.ifMatch;
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new NetworkError(error);
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  let token = options.anonymous ? null : await session.accessToken();
  let response = await send(path, options, token);
  if (response.status === 401 && token && !options.anonymous) {
    // The token expired meanwhile: one refresh, one retry; a second 401 signs out.
    token = await session.refresh();
    if (token) {
      response = await send(path, options, token);
    }
    if (response.status === 401) {
      session.expired();
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response), response.statusText);
  }
  const data =
    response.status === 204 ? (undefined as T) : ((await response.json()) as T);
  return { data, etag: response.headers.get('etag'), status: response.status };
}

export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const options: RequestOptions = signal ? { signal } : {};
  return (await request<T>(withQuery(path, query), options)).data;
}
