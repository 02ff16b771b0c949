import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { ProjectSummary, SloBadgeData, StatusGroup } from '../api/types';
import { answer, scriptFetch } from '../test/fetch';
import { ProjectCard } from './ProjectCard';

const project = {
  id: '01900000-0000-7000-8000-000000000001',
  slug: 'shop',
  title: 'Shop',
  summary: 'A shop.',
  tags: [],
  status: 'active',
} as unknown as ProjectSummary;

function slo(name: string, state: SloBadgeData['state'], remaining: number, objective = 99.9): SloBadgeData {
  return {
    id: `01900000-0000-7000-9000-${name.padStart(12, '0')}`,
    name,
    kind: 'availability',
    objective,
    window: '30d',
    threshold_ms: null,
    state,
    sli: 0.999,
    remaining_ratio: remaining,
    evaluated_at: '2026-11-27T00:00:00.000Z',
  };
}

function group(slos: SloBadgeData[][]): StatusGroup {
  return {
    project: { id: project.id, slug: 'shop', title: 'Shop' },
    state: 'operational',
    monitors: slos.map((s, i) => ({
      id: `01900000-0000-7000-a000-00000000000${String(i)}`,
      name: `m${String(i)}`,
      kind: 'http',
      state: 'up',
      since: null,
      last_check_at: null,
      uptime_24h: 1,
      maintenance: false,
      slos: s,
    })),
  };
}

function renderCard(g: StatusGroup) {
  scriptFetch([answer(404, { title: 'no summary in this test', status: 404 })]);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ProjectCard project={project} group={g} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ProjectCard', () => {
  it('shows the SLO in the worst state across the monitors, in words', () => {
    renderCard(group([[slo('a', 'ok', 0.9)], [slo('b', 'warning', 0.2, 99.5), slo('c', 'ok', 0.1)]]));
    expect(screen.getByText('SLO 99.5 % · At risk · 20 % of budget left')).toBeInTheDocument();
  });

  it('breaks a tie on the state by the budget left, and says when it is overspent', () => {
    renderCard(group([[slo('a', 'exhausted', -0.05)], [slo('b', 'exhausted', -0.4)]]));
    expect(screen.getByText('SLO 99.9 % · Budget spent · budget overspent by 40 %')).toBeInTheDocument();
  });

  it('shows no badge without SLOs', () => {
    renderCard(group([[]]));
    expect(screen.queryByText(/^SLO /)).not.toBeInTheDocument();
  });
});
