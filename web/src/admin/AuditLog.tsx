import { useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Query } from '../api/client';
import { fromLocalInput, when } from '../lib/format';
import { useAdminList, useNames, type AuditOutcome, type AuditRecord } from './api';
import { ListPage } from './ListPage';

const FILTERS = ['action', 'actor', 'outcome', 'target_type', 'target_id', 'request_id', 'since', 'until'] as const;
type Filter = (typeof FILTERS)[number];

const OUTCOMES: AuditOutcome[] = ['success', 'failure', 'denied'];

function actorText(r: AuditRecord, users: Map<string, string>): string {
  switch (r.actor_kind) {
    case 'user':
      return users.get(r.actor_id) ?? r.actor_id;
    case 'token':
      return `token ${r.actor_id}`;
    case 'system':
      return r.actor_id || 'system';
    default:
      return 'anonymous';
  }
}

/** The filter form: applied on submit and kept in the URL, so a filtered view can be shared
 *  and survives a reload. Times are local (datetime-local) and sent as UTC instants. */
function Filters({ values, onApply }: { values: Partial<Record<Filter, string>>; onApply: (v: Partial<Record<Filter, string>>) => void }) {
  const [draft, setDraft] = useState(values);
  const input = (name: Filter, label: string, help?: string) => (
    <div className="field">
      <label htmlFor={`audit-${name}`}>{label}</label>
      <input
        id={`audit-${name}`}
        {...(name === 'since' || name === 'until' ? { type: 'datetime-local' } : {})}
        value={draft[name] ?? ''}
        aria-describedby={help ? `audit-${name}-help` : undefined}
        onChange={(e) => { setDraft((d) => ({ ...d, [name]: e.target.value })); }}
      />
      {help && (
        <span id={`audit-${name}-help`} className="muted">
          {help}
        </span>
      )}
    </div>
  );
  function apply(event: SyntheticEvent) {
    event.preventDefault();
    onApply(draft);
  }
  return (
    <form onSubmit={apply} className="stack card" aria-label="Filter the audit log">
      <div className="form-row">
        {input('action', 'Action', 'e.g. project.update, or project. for the family')}
        {input('actor', 'Actor id', 'A user or token id')}
        <div className="field">
          <label htmlFor="audit-outcome">Outcome</label>
          <select id="audit-outcome" value={draft.outcome ?? ''} onChange={(e) => { setDraft((d) => ({ ...d, outcome: e.target.value })); }}>
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        {input('target_type', 'Target type', 'e.g. project, monitor, user')}
        {input('target_id', 'Target id')}
        {input('request_id', 'Request id', 'The X-Request-Id of a response')}
      </div>
      <div className="form-row">
        {input('since', 'From')}
        {input('until', 'Until')}
      </div>
      <div className="actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <button type="button" className="button" onClick={() => { setDraft({}); onApply({}); }}>
          Clear
        </button>
      </div>
    </form>
  );
}

/** Who did what, when, from where (admins only): every write, sign-in and refusal, newest
 *  first, filtered by action, actor, outcome, target, request and time. */
export function AuditLog() {
  const [params, setParams] = useSearchParams();
  const values: Partial<Record<Filter, string>> = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) values[f] = v;
  }
  const query: Query = { ...values };
  if (values.since) query.since = fromLocalInput(values.since);
  if (values.until) query.until = fromLocalInput(values.until);
  const users = useNames('/api/v1/users', 'display_name');
  return (
    <ListPage<AuditRecord>
      title="Audit log"
      what="audit records"
      query={useAdminList<AuditRecord>('/api/v1/audit', query, { limit: 100 })}
      filters={
        <Filters
          key={params.toString()}
          values={values}
          onApply={(v) => {
            const next = Object.fromEntries(Object.entries(v).filter(([, x]) => x));
            setParams(next);
          }}
        />
      }
      empty={{ title: 'No records match', body: <p>Change or clear the filters.</p> }}
      columns={['When', 'Actor', 'Action', 'Target', 'Outcome', 'From', 'Details']}
      row={(r) => (
        <tr key={r.id}>
          <td>{when(r.at)}</td>
          <td>{actorText(r, users)}</td>
          <td className="target">{r.action}</td>
          <td>
            {r.target_type} <span className="target">{r.target_id}</span>
          </td>
          <td>
            <span className="badge">
              <span className={`dot ${r.outcome === 'success' ? 'up' : r.outcome === 'denied' ? 'down' : 'degraded'}`} aria-hidden="true" />
              {r.outcome}
            </span>
          </td>
          <td>{r.ip}</td>
          <td>
            {Object.keys(r.details).length > 0 && (
              <details>
                <summary>Show</summary>
                <pre className="audit-details">{JSON.stringify(r.details, null, 2)}</pre>
                <p className="muted">Request {r.request_id}</p>
              </details>
            )}
          </td>
        </tr>
      )}
    />
  );
}
