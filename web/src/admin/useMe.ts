import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api/client';
import type { components } from '../api/schema.gen';

export type Me = components['schemas']['Me'];
export type UserMe = Extract<Me, { kind: 'user' }>;
export type Role = UserMe['role'];

/** Who is signed in (GET /api/v1/me); only asked while a session exists. */
export function useMe(enabled: boolean) {
  return useQuery({
    queryKey: ['me'],
    queryFn: ({ signal }) => getJson<Me>('/api/v1/me', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** What a role may do in the console (the server decides; this only hides what it refuses). */
export function canWrite(role: Role): boolean {
  return role === 'admin' || role === 'editor';
}
