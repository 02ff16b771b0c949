// The error policy, in one place: a 5xx or a failed connection is retried (three times,
// backing off) and raises the "server trouble" notice until a request succeeds again; a
// 4xx is final and shown where it happened (403: what is missing; 404: not found); a 401
// that a refresh could not mend signs the session out (api/client.ts), and the console
// asks to sign in again.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError } from './client';
import { notices } from '../lib/notices';

export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

function onError(error: unknown): void {
  if (isTransient(error)) {
    notices.serverTrouble(true);
  }
}

function onSuccess(): void {
  notices.serverTrouble(false);
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError, onSuccess }),
    mutationCache: new MutationCache({ onError, onSuccess }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => isTransient(error) && failures < 3,
        retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 10_000),
      },
      mutations: { retry: false },
    },
  });
}
