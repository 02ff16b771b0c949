import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { StatusDocument, StatusGroup } from '../api/types';
import { answer, scriptFetch } from '../test/fetch';
import { StatusPage } from './StatusPage';

function group(i: number, monitors: number, state: StatusGroup['state']): StatusGroup {
  return {
    project: { id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, slug: `p${i}`, title: `Project ${i}` },
    state,
    monitors: Array.from({ length: monitors }, (_, m) => ({
      id: `00000000-0000-7000-9000-${String(i * 100 + m).padStart(12, '0')}`,
      name: `p${i} service ${m}`,
      kind: 'tcp' as const,
      state: state === 'operational' ? ('up' as const) : ('down' as const),
      since: null,
      last_check_at: null,
      uptime_24h: 1,
      maintenance: false,
      slos: [],
    })),
  };
}

function doc(groups: StatusGroup[]): StatusDocument {
  return {
    generated_at: '2026-11-27T00:00:00.000Z',
    state: groups.some((g) => g.state !== 'operational') ? 'partial_outage' : 'operational',
    counts: { up: 0, degraded: 0, down: 0, pending: 0, maintenance: 0 },
    groups,
    incidents: [],
    maintenance: [],
  };
}

function renderStatus(body: StatusDocument) {
  scriptFetch([answer(200, body)]);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter>
        <StatusPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('StatusPage', () => {
  it('opens every group of a small page', async () => {
    renderStatus(doc([group(1, 3, 'operational'), group(2, 2, 'operational')]));
    expect(await screen.findByText('All systems operational')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
  });

  it('on a large page opens only the groups in trouble; the others open on demand', async () => {
    const groups = Array.from({ length: 30 }, (_, i) => group(i, 10, i === 7 ? 'partial_outage' : 'operational'));
    renderStatus(doc(groups));
    await screen.findByText('Partial outage', { selector: '.status-banner' });
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.textContent.startsWith('p7 '))).toBe(true);

    const first = screen.getByRole('region', { name: /Project 0/ });
    const toggle = within(first).getByRole('button', { name: 'Show 10 monitors' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.setup().click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(first).getAllByRole('listitem')).toHaveLength(10);
  });
});
