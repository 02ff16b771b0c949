import { useState, type SyntheticEvent } from 'react';
import { useParams } from 'react-router-dom';
import { SloReportView } from '../components/SloReportView';
import { useAdminItem, useAdminMonitors, type Slo } from './api';
import { EditorPage } from './EditorPage';
import { EditorActions, useItemWrites } from './itemWrites';
import { ConflictNotice, Field, FormMessage, useSave } from './form';
import { LATENCY_BOUNDS_MS, validateSlo, type SloKind, type SloWindow } from './operationsRules';

const PATHS = { api: '/api/v1/slos', page: '/admin/slos', list: '/admin/slos' };

interface Draft {
  name: string;
  monitor_id: string;
  kind: SloKind;
  objective: string;
  window: SloWindow;
  threshold_ms: string;
}

function draftOf(s: Slo | undefined): Draft {
  return {
    name: s?.name ?? '',
    monitor_id: s?.monitor_id ?? '',
    kind: s?.kind ?? 'availability',
    objective: String(s?.objective ?? 99.9),
    window: s?.window ?? '30d',
    threshold_ms: String(s?.threshold_ms ?? 500),
  };
}

function Editor({ slo, etag, canWrite, onReload }: { slo: Slo | undefined; etag: string; canWrite: boolean; onReload: () => void }) {
  const writes = useItemWrites(PATHS, slo?.id, etag);
  const monitors = useAdminMonitors();
  const monitorItems = monitors.data?.pages.flatMap((p) => p.items) ?? [];
  const [draft, setDraft] = useState<Draft>(() => draftOf(slo));
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const isNew = slo === undefined;
  const input = {
    name: draft.name.trim(),
    monitor_id: draft.monitor_id,
    kind: draft.kind,
    objective: Number(draft.objective),
    window: draft.window,
    threshold_ms: draft.kind === 'latency' ? Number(draft.threshold_ms) : null,
  };

  function save(event: SyntheticEvent) {
    event.preventDefault();
    return run(validateSlo(input), async () => {
      await writes.save(input);
    });
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="SLO" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={!canWrite || busy} className="stack">
        <Field label="Name" error={errors.name} help="Public on the portfolio when its monitor is public.">
          {(p) => <input {...p} value={draft.name} onChange={(e) => { set('name', e.target.value); }} />}
        </Field>
        <Field label="Monitor" error={errors.monitor_id}>
          {(p) => (
            <select {...p} value={draft.monitor_id} onChange={(e) => { set('monitor_id', e.target.value); }}>
              <option value="">Choose a monitor</option>
              {monitorItems.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-row">
          <Field label="Kind" error={errors.kind}>
            {(p) => (
              <select {...p} value={draft.kind} onChange={(e) => { set('kind', e.target.value as SloKind); }}>
                <option value="availability">Availability (time up)</option>
                <option value="latency">Latency (checks fast enough)</option>
              </select>
            )}
          </Field>
          <Field label="Objective (%)" error={errors.objective} help="50 to 99.999, e.g. 99.9.">
            {(p) => (
              <input {...p} type="number" min={50} max={99.999} step="any" value={draft.objective} onChange={(e) => { set('objective', e.target.value); }} />
            )}
          </Field>
          <Field label="Window" error={errors.window} help="Rolling.">
            {(p) => (
              <select {...p} value={draft.window} onChange={(e) => { set('window', e.target.value as SloWindow); }}>
                <option value="7d">7 days</option>
                <option value="28d">28 days</option>
                <option value="30d">30 days</option>
              </select>
            )}
          </Field>
          {draft.kind === 'latency' && (
            <Field label="Threshold" error={errors.threshold_ms} help="A check slower than this is bad.">
              {(p) => (
                <select {...p} value={draft.threshold_ms} onChange={(e) => { set('threshold_ms', e.target.value); }}>
                  {LATENCY_BOUNDS_MS.map((b) => (
                    <option key={b} value={b}>
                      {b} ms
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
      </fieldset>
      {canWrite && (
        <EditorActions
          noun="SLO"
          isNew={isNew}
          busy={busy}
          list={PATHS.list}
          confirmDelete={slo && `Delete the SLO “${slo.name}”? Its monitor and results stay.`}
          onDelete={() => run({}, writes.remove)}
        />
      )}
    </form>
  );
}

export function SloEditor({ canWrite }: { canWrite: boolean }) {
  const { id } = useParams();
  const isNew = id === 'new';
  const query = useAdminItem<Slo>('/api/v1/slos', isNew ? undefined : id);
  return (
    <EditorPage
      query={query}
      isNew={isNew}
      noun="SLO"
      back={{ to: '/admin/slos', label: 'SLOs' }}
      nameOf={(s) => s.name}
      extra={(s) => s.report && <SloReportView slo={s} report={s.report} />}
    >
      {({ item, etag, onReload }) => <Editor slo={item} etag={etag} canWrite={canWrite} onReload={onReload} />}
    </EditorPage>
  );
}
