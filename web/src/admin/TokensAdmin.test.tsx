import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { answer, scriptFetch } from '../test/fetch';
import { TokensAdmin } from './TokensAdmin';

const SECRET = `vtr_${'A'.repeat(43)}`;

const created = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'CI deploy',
  prefix: SECRET.slice(0, 8),
  scopes: ['read', 'content:write'],
  created_by: 'x',
  created_at: '2026-11-27T00:00:00.000Z',
  expires_at: '2027-02-25T00:00:00.000Z',
  last_used_at: null,
  revoked_at: null,
};

describe('TokensAdmin', () => {
  it('shows a new secret once, copies it, and forgets it after Done', async () => {
    const calls = scriptFetch([
      answer(200, { items: [], next_cursor: null }),
      answer(201, { ...created, token: SECRET }),
      answer(200, { items: [created], next_cursor: null }),
    ]);
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>
          <TokensAdmin />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('heading', { name: 'No API tokens yet' });
    await user.type(screen.getByLabelText('Name'), 'CI deploy');
    await user.click(screen.getByLabelText(/^content:write:/));
    await user.clear(screen.getByLabelText('Expires in (days)'));
    await user.type(screen.getByLabelText('Expires in (days)'), '90');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    const secret = await screen.findByLabelText('Token');
    expect(secret).toHaveValue(SECRET);
    const sent = JSON.parse(calls[1]?.init?.body as string) as { name: string; scopes: string[]; expires_at: string };
    expect(sent.name).toBe('CI deploy');
    expect(sent.scopes).toEqual(['read', 'content:write']);
    const days = (Date.parse(sent.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);

    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText('Copied to the clipboard.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Token')).not.toBeInTheDocument();
    const row = (await screen.findByRole('cell', { name: 'CI deploy' })).closest('tr');
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText(`${SECRET.slice(0, 8)}…`)).toBeInTheDocument();
  });
});
