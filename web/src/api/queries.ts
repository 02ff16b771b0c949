// Data for the public views, cached by TanStack Query. Public views ask anonymously, so
// they show what every visitor sees even while an admin is signed in in the same tab.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { request, withQuery } from './client';
import type {
  IncidentPage,
  MonitorSummary,
  Project,
  ProjectPage,
  ProjectQuery,
  Settings,
  Slo,
  StatusDocument,
  SummaryWindow,
} from './types';

/** How often the status views ask again (the server rebuilds the document every 10 s). */
export const STATUS_REFRESH_MS = 30_000;

async function publicJson<T>(path: string, signal: AbortSignal): Promise<T> {
  return (await request<T>(path, { anonymous: true, signal })).data;
}

export function useSettings() {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => publicJson<Settings>('/api/v1/settings', signal),
    staleTime: 60_000,
  });
}

export function useStatus() {
  return useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => publicJson<StatusDocument>('/api/v1/status', signal),
    refetchInterval: STATUS_REFRESH_MS,
  });
}

export type ProjectFilters = Pick<ProjectQuery, 'tag' | 'status' | 'q' | 'featured'>;

export const PROJECTS_PER_PAGE = 24;

export function useProjects(filters: ProjectFilters) {
  return useInfiniteQuery({
    queryKey: ['projects', filters],
    queryFn: ({ pageParam, signal }) =>
      publicJson<ProjectPage>(
        withQuery('/api/v1/projects', { ...filters, limit: PROJECTS_PER_PAGE, cursor: pageParam }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useProject(ref: string) {
  return useQuery({
    queryKey: ['project', ref],
    queryFn: ({ signal }) =>
      publicJson<Project>(`/api/v1/projects/${encodeURIComponent(ref)}`, signal),
  });
}

export function useMonitorSummary(monitorId: string | undefined, window: SummaryWindow) {
  return useQuery({
    queryKey: ['summary', monitorId, window],
    queryFn: ({ signal }) =>
      publicJson<MonitorSummary>(
        withQuery(`/api/v1/monitors/${monitorId ?? ''}/summary`, { window }),
        signal,
      ),
    enabled: monitorId !== undefined,
    staleTime: 60_000,
    refetchInterval: STATUS_REFRESH_MS * 2,
  });
}

export function useIncidents(query: { project_id?: string; state?: 'open' | 'resolved'; limit?: number }) {
  return useQuery({
    queryKey: ['incidents', query],
    queryFn: ({ signal }) =>
      publicJson<IncidentPage>(withQuery('/api/v1/incidents', query), signal),
    refetchInterval: STATUS_REFRESH_MS,
  });
}

/** One public SLO with its report and daily budget series (the burn-down chart). */
export function useSlo(id: string) {
  return useQuery({
    queryKey: ['slo', id],
    queryFn: ({ signal }) => publicJson<Slo>(`/api/v1/slos/${id}`, signal),
    staleTime: 60_000,
    refetchInterval: STATUS_REFRESH_MS * 2,
  });
}
