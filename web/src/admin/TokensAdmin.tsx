import { useState, type SyntheticEvent } from 'react';
import { request } from '../api/client';
import { when } from '../lib/format';
import { useAdminList, useRefreshAfterWrite, type ApiToken, type TokenScope } from './api';
import { Field, FormMessage, useSave } from './form';
import { ListPage } from './ListPage';
import { validateToken } from './operationsRules';

const SCOPES: { scope: TokenScope; words: string }[] = [
  { scope: 'read', words: 'read: everything a viewer reads' },
  { scope: 'content:write', words: 'content:write: projects, monitors, SLOs, maintenance (CI, config as code)' },
  { scope: 'deployments:write', words: 'deployments:write: deployment events (delivery metrics)' },
  { scope: 'monitors:push', words: 'monitors:push: heartbeats of push monitors' },
];

function tokenState(t: ApiToken, now: number): string {
  if (t.revoked_at) return `Revoked ${when(t.revoked_at)}`;
  if (Date.parse(t.expires_at) <= now) return 'Expired';
  return `Active until ${when(t.expires_at)}`;
}

/** The secret of a token just created: shown once, with a copy button. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused the clipboard: select the token and copy it.');
    }
  }
  return (
    <div className="notice warning stack" role="alert">
      <p>
        <strong>Copy the token “{name}” now:</strong> it is shown this once and cannot be read
        again (only its hash is stored).
      </p>
      <div className="field">
        <label htmlFor="new-token-secret">Token</label>
        <input id="new-token-secret" className="secret" readOnly value={secret} onFocus={(e) => { e.target.select(); }} />
      </div>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" onClick={onDone}>
          Done
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
    </div>
  );
}

function CreateToken({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const refresh = useRefreshAfterWrite();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState('90');
  const { errors, failure, busy, run } = useSave();
  function create(event: SyntheticEvent) {
    event.preventDefault();
    const input = { name: name.trim(), scopes, days: Number(days) };
    return run(validateToken(input), async () => {
      const expires_at = new Date(Date.now() + input.days * 86_400_000).toISOString();
      const { data } = await request<ApiToken & { token: string }>('/api/v1/tokens', {
        method: 'POST',
        body: { name: input.name, scopes, expires_at },
      });
      setName('');
      onCreated(data.name, data.token);
      await refresh();
    });
  }
  return (
    <form onSubmit={(e) => void create(e)} noValidate className="stack editor card" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">New token</h2>
      <FormMessage failure={failure} />
      <fieldset disabled={busy} className="stack">
        <div className="form-row">
          <Field label="Name" error={errors.name} help="What uses it, e.g. “GitHub Actions deploy”.">
            {(p) => <input {...p} value={name} onChange={(e) => { setName(e.target.value); }} />}
          </Field>
          <Field label="Expires in (days)" error={errors.expires_at} help="1 to 366.">
            {(p) => <input {...p} type="number" min={1} max={366} value={days} onChange={(e) => { setDays(e.target.value); }} />}
          </Field>
        </div>
        <fieldset aria-describedby={errors.scopes ? 'token-scopes-error' : undefined}>
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, words }) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) => { setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope))); }}
              />
              {words}
            </label>
          ))}
          {errors.scopes && (
            <span id="token-scopes-error" className="field-error">
              {errors.scopes}
            </span>
          )}
        </fieldset>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          Create token
        </button>
      </div>
    </form>
  );
}

/** API tokens for CI and scripts (admins only): create (the secret shown once), list, revoke. */
export function TokensAdmin() {
  const refresh = useRefreshAfterWrite();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [now] = useState(() => Date.now());
  const revoking = useSave();
  function revoke(t: ApiToken) {
    if (!window.confirm(`Revoke “${t.name}”? Whatever uses it is refused from now on.`)) {
      return Promise.resolve();
    }
    return revoking.run({}, async () => {
      await request<undefined>(`/api/v1/tokens/${t.id}`, { method: 'DELETE' });
      await refresh();
    });
  }
  return (
    <ListPage<ApiToken>
      title="API tokens"
      what="API tokens"
      query={useAdminList<ApiToken>('/api/v1/tokens')}
      empty={{ title: 'No API tokens yet' }}
      columns={['Name', 'Prefix', 'Scopes', 'State', 'Last used', 'Action']}
      row={(t) => (
        <tr key={t.id}>
          <td>{t.name}</td>
          <td className="target">{t.prefix}…</td>
          <td>{t.scopes.join(', ')}</td>
          <td>{tokenState(t, now)}</td>
          <td>{t.last_used_at ? when(t.last_used_at) : 'Never'}</td>
          <td>
            {!t.revoked_at && (
              <button type="button" className="button danger" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
                Revoke
              </button>
            )}
          </td>
        </tr>
      )}
    >
      {created ? (
        <NewSecret name={created.name} secret={created.secret} onDone={() => { setCreated(null); }} />
      ) : (
        <CreateToken onCreated={(name, secret) => { setCreated({ name, secret }); }} />
      )}
      <FormMessage failure={revoking.failure} />
    </ListPage>
  );
}
