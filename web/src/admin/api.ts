// The console's data: read with the session's token (drafts included), written with
// If-Match so a concurrent change is a 412, never a silent overwrite.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, withQuery, type Query } from '../api/client';
import type { components } from '../api/schema.gen';
import type { Incident, Project, ProjectSummary, Settings, Slo } from '../api/types';
export type { Slo };

type Schemas = components['schemas'];
export type Monitor = Schemas['Monitor'];
export type CheckResult = Schemas['CheckResult'];
export type Maintenance = Schemas['Maintenance'];
export type User = Schemas['User'];
export type ApiToken = Schemas['ApiToken'];
export type TokenScope = Schemas['TokenScope'];
export type AuditRecord = Schemas['AuditRecord'];
export type AuditOutcome = Schemas['AuditOutcome'];

export interface Versioned<T> {
  data: T;
  etag: string;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every collection of the console: cursor pages of `path` (with `query`), "Show more" for
 *  the next one. */
export function useAdminList<T>(
  path: string,
  query: Query = {},
  options: { limit?: number; refetchInterval?: number } = {},
) {
  return useInfiniteQuery({
    queryKey: ['admin', path, query],
    queryFn: async ({ pageParam, signal }) =>
      (
        await request<Page<T>>(
          withQuery(path, { ...query, limit: options.limit ?? 100, cursor: pageParam }),
          { signal },
        )
      ).data,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    ...(options.refetchInterval ? { refetchInterval: options.refetchInterval } : {}),
  });
}

/** One item with its ETag, for an editor (`id` undefined: a new one, nothing to load). */
export function useAdminItem<T>(collection: string, id: string | undefined) {
  return useQuery({
    queryKey: ['admin', collection, 'item', id],
    queryFn: async ({ signal }): Promise<Versioned<T>> => {
      const r = await request<T>(`${collection}/${id ?? ''}`, { signal });
      return { data: r.data, etag: r.etag ?? '*' };
    },
    enabled: id !== undefined,
    staleTime: 0,
  });
}

export const useAdminProjects = (q: string) =>
  useAdminList<ProjectSummary>('/api/v1/projects', { q }, { limit: 50 });
export const useAdminProject = (id: string | undefined) => useAdminItem<Project>('/api/v1/projects', id);
export const useAdminSettings = () => useAdminItem<Settings>('/api/v1', 'settings');
export const useAdminMonitors = () =>
  useAdminList<Monitor>('/api/v1/monitors', {}, { limit: 200, refetchInterval: 30_000 });
export const useAdminMonitor = (id: string | undefined) => useAdminItem<Monitor>('/api/v1/monitors', id);
export const useAdminIncident = (id: string) =>
  useQuery({
    queryKey: ['admin', 'incident', id],
    queryFn: async ({ signal }) => (await request<Incident>(`/api/v1/incidents/${id}`, { signal })).data,
    refetchInterval: 30_000,
  });

/** The items of a small collection (monitors, projects, users) by id, for naming them in
 *  other lists: the first 100 (every collection's page limit allows that many); an id past
 *  them is shown as the id. */
export function useNames(path: string, field: 'name' | 'title' | 'display_name') {
  const list = useAdminList<{ id: string } & Partial<Record<typeof field, string>>>(path, {}, { limit: 100 });
  const names = new Map<string, string>();
  for (const page of list.data?.pages ?? []) {
    for (const item of page.items) {
      names.set(item.id, item[field] ?? item.id);
    }
  }
  return names;
}

/** After a write: every view that may show the item asks again. */
export function useRefreshAfterWrite() {
  const client = useQueryClient();
  return () => client.invalidateQueries();
}
