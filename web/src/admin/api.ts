// The console's data: read with the session's token (drafts included), written with
// If-Match so a concurrent change is a 412, never a silent overwrite.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, withQuery } from '../api/client';
import type { components } from '../api/schema.gen';
import type { Project, ProjectPage, Settings } from '../api/types';

export interface Versioned<T> {
  data: T;
  etag: string;
}

async function versioned<T>(path: string, signal: AbortSignal): Promise<Versioned<T>> {
  const r = await request<T>(path, { signal });
  return { data: r.data, etag: r.etag ?? '*' };
}

export function useAdminProjects(q: string) {
  return useInfiniteQuery({
    queryKey: ['admin', 'projects', q],
    queryFn: async ({ pageParam, signal }) =>
      (await request<ProjectPage>(withQuery('/api/v1/projects', { q, limit: 50, cursor: pageParam }), { signal })).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useAdminProject(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'project', id],
    queryFn: ({ signal }) => versioned<Project>(`/api/v1/projects/${id ?? ''}`, signal),
    enabled: id !== undefined,
    staleTime: 0,
  });
}

export function useAdminSettings() {
  return useQuery({
    queryKey: ['admin', 'settings'],
    queryFn: ({ signal }) => versioned<Settings>('/api/v1/settings', signal),
    staleTime: 0,
  });
}

/** After a write: every view that may show the item asks again. */
export function useRefreshAfterWrite() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}

export type Monitor = components['schemas']['Monitor'];
export type CheckResult = components['schemas']['CheckResult'];

export function useAdminMonitors() {
  return useInfiniteQuery({
    queryKey: ['admin', 'monitors'],
    queryFn: async ({ pageParam, signal }) =>
      (
        await request<{ items: Monitor[]; next_cursor: string | null }>(
          withQuery('/api/v1/monitors', { limit: 200, cursor: pageParam }),
          { signal },
        )
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: 30_000,
  });
}

export function useAdminMonitor(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'monitor', id],
    queryFn: ({ signal }) => versioned<Monitor>(`/api/v1/monitors/${id ?? ''}`, signal),
    enabled: id !== undefined,
    staleTime: 0,
  });
}
