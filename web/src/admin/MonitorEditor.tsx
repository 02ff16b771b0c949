import { useState, type SyntheticEvent } from 'react';
import { useParams } from 'react-router-dom';
import { request } from '../api/client';
import { ms } from '../lib/format';
import { useAdminMonitor, useAdminProjects, type CheckResult, type Monitor } from './api';
import { EditorPage } from './EditorPage';
import { ConflictNotice, Field, FormMessage, failureOf, useSave } from './form';
import { HttpSettingsFields } from './HttpSettingsFields';
import { EditorActions, useItemWrites } from './itemWrites';
import { httpBody, httpDraftOf, validateHttp, type HttpDraft } from './httpRules';
import { errorFor, statusRanges, validateMonitor, type MonitorKind } from './rules';

interface Draft {
  name: string;
  project_id: string;
  kind: MonitorKind;
  target: string;
  interval: string;
  timeout: string;
  retries: string;
  recovery_checks: string;
  accepted_status: string;
  enabled: boolean;
  public: boolean;
  http: HttpDraft;
}

function draftOf(m: Monitor | undefined): Draft {
  return {
    name: m?.name ?? '',
    project_id: m?.project_id ?? '',
    kind: m?.kind ?? 'http',
    target: m?.target ?? '',
    interval: String(m?.interval ?? 60),
    timeout: String(m?.timeout ?? 10),
    retries: String(m?.retries ?? 1),
    recovery_checks: String(m?.recovery_checks ?? 2),
    accepted_status: m?.http?.accepted_status.join(', ') ?? '200-299',
    enabled: m?.enabled ?? true,
    public: m?.public ?? false,
    http: httpDraftOf(m?.http),
  };
}

const PATHS = { api: '/api/v1/monitors', page: '/admin/monitors', list: '/admin/monitors' };

const TARGET_HELP: Record<MonitorKind, string> = {
  http: 'An absolute http:// or https:// URL.',
  tcp: 'host:port, e.g. db.internal:5432.',
  tls: 'host or host:port (443): the certificate is checked.',
  push: 'Empty: a push monitor waits for heartbeats from your job.',
};

/** What one check found, in words: "Up · HTTP 200 · 12 ms" or "Down · connect: refused". */
export function describeResult(r: CheckResult): string {
  const parts = [r.state === 'up' ? 'Up' : r.state === 'degraded' ? 'Degraded' : 'Down'];
  if (r.status_code !== null) parts.push(`HTTP ${r.status_code}`);
  if (r.timings.total_ms !== null) parts.push(ms(r.timings.total_ms));
  if (r.error) parts.push(`${r.error}${r.message ? `: ${r.message}` : ''}`);
  return parts.join(' · ');
}

function TestNow({ monitor }: { monitor: Monitor }) {
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (monitor.kind === 'push') {
    return null;
  }
  async function test() {
    setBusy(true);
    setResult(null);
    try {
      const { data } = await request<CheckResult>(`/api/v1/monitors/${monitor.id}/test`, { method: 'POST' });
      setResult(describeResult(data));
    } catch (e) {
      setResult(`The test failed: ${failureOf(e).message ?? 'unknown error'}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="test-now">
      <button type="button" className="button" disabled={busy} onClick={() => void test()}>
        {busy ? 'Testing…' : 'Test now'}
      </button>
      <p role="status" aria-live="polite" className="muted">
        {result ?? 'Runs one check now; nothing is stored.'}
      </p>
    </div>
  );
}

function Editor({ monitor, etag, canWrite, onReload }: { monitor: Monitor | undefined; etag: string; canWrite: boolean; onReload: () => void }) {
  const writes = useItemWrites(PATHS, monitor?.id, etag);
  const projects = useAdminProjects('');
  const [draft, setDraft] = useState<Draft>(() => draftOf(monitor));
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const isNew = monitor === undefined;
  const input = {
    name: draft.name.trim(),
    kind: draft.kind,
    target: draft.target.trim(),
    interval: Number(draft.interval),
    timeout: Number(draft.timeout),
    retries: Number(draft.retries),
    recovery_checks: Number(draft.recovery_checks),
    accepted_status: draft.accepted_status,
  };

  function save(event: SyntheticEvent) {
    event.preventDefault();
    const found = { ...validateMonitor(input), ...(draft.kind === 'http' ? validateHttp(draft.http) : {}) };
    return run(found, async () => {
      const body = {
        name: input.name,
        kind: input.kind,
        target: input.target,
        interval: input.interval,
        timeout: input.timeout,
        retries: input.retries,
        recovery_checks: input.recovery_checks,
        project_id: draft.project_id || null,
        enabled: draft.enabled,
        public: draft.public,
        ...(draft.kind === 'http'
          ? { http: { ...httpBody(draft.http, monitor?.http), accepted_status: statusRanges(draft.accepted_status) } }
          : {}),
      };
      await writes.save(body);
    });
  }

  const projectItems = projects.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="monitor" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={!canWrite || busy} className="stack">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} value={draft.name} required onChange={(e) => { set('name', e.target.value); }} />}
        </Field>
        <div className="form-row">
          <Field label="Kind" error={errors.kind}>
            {(p) => (
              <select {...p} value={draft.kind} onChange={(e) => { set('kind', e.target.value as MonitorKind); }}>
                <option value="http">HTTP(S) request</option>
                <option value="tcp">TCP connection</option>
                <option value="tls">TLS certificate</option>
                <option value="push">Push (heartbeat)</option>
              </select>
            )}
          </Field>
          <Field label="Project" error={errors.project_id} help="Its page shows this monitor's evidence.">
            {(p) => (
              <select {...p} value={draft.project_id} onChange={(e) => { set('project_id', e.target.value); }}>
                <option value="">None</option>
                {projectItems.map((pr) => (
                  <option key={pr.id} value={pr.id}>
                    {pr.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Target" error={errors.target} help={TARGET_HELP[draft.kind]}>
          {(p) => <input {...p} value={draft.target} disabled={draft.kind === 'push'} onChange={(e) => { set('target', e.target.value); }} />}
        </Field>
        <div className="form-row">
          <Field label="Interval (seconds)" error={errors.interval}>
            {(p) => <input {...p} type="number" min={1} step={1} value={draft.interval} onChange={(e) => { set('interval', e.target.value); }} />}
          </Field>
          <Field label="Timeout (seconds)" error={errors.timeout}>
            {(p) => <input {...p} type="number" min={0.1} step={0.1} value={draft.timeout} onChange={(e) => { set('timeout', e.target.value); }} />}
          </Field>
          <Field label="Retries" error={errors.retries} help="Failures in a row tolerated before it is down.">
            {(p) => <input {...p} type="number" min={0} max={10} value={draft.retries} onChange={(e) => { set('retries', e.target.value); }} />}
          </Field>
          <Field label="Recovery checks" error={errors.recovery_checks} help="Good checks in a row that resolve an incident.">
            {(p) => <input {...p} type="number" min={1} max={20} value={draft.recovery_checks} onChange={(e) => { set('recovery_checks', e.target.value); }} />}
          </Field>
        </div>
        {draft.kind === 'http' && (
          <Field label="Accepted status codes" error={errorFor(errors, 'http/accepted_status')} help="Codes or ranges, comma-separated: 200-299, 301.">
            {(p) => <input {...p} value={draft.accepted_status} onChange={(e) => { set('accepted_status', e.target.value); }} />}
          </Field>
        )}
        {draft.kind === 'http' && (
          <HttpSettingsFields draft={draft.http} errors={errors} onChange={(h) => { set('http', h); }} />
        )}
        <label className="checkbox">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => { set('enabled', e.target.checked); }} />
          Enabled (paused monitors are not checked)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.public} onChange={(e) => { set('public', e.target.checked); }} />
          Public: shown on the status page and the project page
        </label>
      </fieldset>
      {canWrite && (
        <EditorActions
          noun="monitor"
          isNew={isNew}
          busy={busy}
          list={PATHS.list}
          confirmDelete={monitor && `Delete “${monitor.name}” and its results? This cannot be undone.`}
          onDelete={() => run({}, writes.remove)}
        />
      )}
    </form>
  );
}

export function MonitorEditor({ canWrite }: { canWrite: boolean }) {
  const { id } = useParams();
  const isNew = id === 'new';
  const query = useAdminMonitor(isNew ? undefined : id);
  return (
    <EditorPage
      query={query}
      isNew={isNew}
      noun="monitor"
      back={{ to: '/admin/monitors', label: 'Monitors' }}
      nameOf={(m) => m.name}
      extra={(m) => canWrite && <TestNow monitor={m} />}
    >
      {({ item, etag, onReload }) => <Editor monitor={item} etag={etag} canWrite={canWrite} onReload={onReload} />}
    </EditorPage>
  );
}
