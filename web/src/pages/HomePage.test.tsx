import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { answer, scriptFetch, type Call } from '../test/fetch';
import { HomePage } from './HomePage';

const emptySettings = {
  name: '',
  headline: '',
  location: '',
  about_markdown: '',
  about_html: '',
  links: [],
  updated_at: null,
  version: 1,
};

const emptyStatus = {
  generated_at: '2026-11-27T00:00:00.000Z',
  state: 'unknown',
  counts: { up: 0, degraded: 0, down: 0, pending: 0, maintenance: 0 },
  groups: [],
  incidents: [],
  maintenance: [],
};

/** Answers by path, so the order the page asks in does not matter. */
function byPath(routes: Record<string, unknown>) {
  return (call: Call) => {
    const path = call.url.split('?')[0] ?? '';
    return answer(200, routes[path]);
  };
}

function renderHome(routes: Record<string, unknown>, url = '/') {
  const serve = byPath(routes);
  scriptFetch(Array.from({ length: 10 }, () => serve));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <HomePage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('HomePage', () => {
  it('greets an empty portfolio with friendly empty states, not errors', async () => {
    renderHome({
      '/api/v1/settings': emptySettings,
      '/api/v1/status': emptyStatus,
      '/api/v1/projects': { items: [], next_cursor: null },
    });
    expect(await screen.findByRole('heading', { name: 'No projects yet' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the profile and the projects, and says when a filter matches nothing', async () => {
    renderHome(
      {
        '/api/v1/settings': { ...emptySettings, name: 'Ada Example', headline: 'SRE', links: [{ label: 'GitHub', url: 'https://github.com/ada' }] },
        '/api/v1/status': emptyStatus,
        '/api/v1/projects': { items: [], next_cursor: null },
      },
      '/?q=nothing',
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Example' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'GitHub' })).toHaveAttribute('href', 'https://github.com/ada');
    expect(await screen.findByRole('heading', { name: 'No project matches' })).toBeInTheDocument();
    expect(screen.getByLabelText('Search')).toHaveValue('nothing');
  });
});
