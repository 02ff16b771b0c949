import { useState, type SyntheticEvent } from 'react';
import { useParams } from 'react-router-dom';
import { fromLocalInput, toLocalInput, when } from '../lib/format';
import { useAdminItem, useAdminMonitors, useAdminProjects, type Maintenance } from './api';
import { EditorPage } from './EditorPage';
import { EditorActions, useItemWrites } from './itemWrites';
import { ConflictNotice, Field, FormMessage, useSave } from './form';
import { validateMaintenance } from './operationsRules';

const PATHS = { api: '/api/v1/maintenance-windows', page: '/admin/maintenance', list: '/admin/maintenance' };

interface Draft {
  name: string;
  description: string;
  scope: 'monitor' | 'project';
  monitor_id: string;
  project_id: string;
  starts_at: string; // datetime-local
  minutes: string;
  rrule: string;
}

function draftOf(w: Maintenance | undefined): Draft {
  const start = new Date(Date.now() + 3_600_000);
  start.setMinutes(0, 0, 0);
  return {
    name: w?.name ?? '',
    description: w?.description ?? '',
    scope: w?.project_id ? 'project' : 'monitor',
    monitor_id: w?.monitor_id ?? '',
    project_id: w?.project_id ?? '',
    starts_at: toLocalInput(w?.starts_at ?? start.toISOString()),
    minutes: String((w?.duration ?? 3600) / 60),
    rrule: w?.rrule ?? '',
  };
}

function Editor({ window: w, etag, canWrite, onReload }: { window: Maintenance | undefined; etag: string; canWrite: boolean; onReload: () => void }) {
  const writes = useItemWrites(PATHS, w?.id, etag);
  const monitors = useAdminMonitors().data?.pages.flatMap((p) => p.items) ?? [];
  const projects = useAdminProjects('').data?.pages.flatMap((p) => p.items) ?? [];
  const [draft, setDraft] = useState<Draft>(() => draftOf(w));
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const isNew = w === undefined;
  const input = {
    name: draft.name.trim(),
    description: draft.description.trim(),
    monitor_id: draft.scope === 'monitor' ? draft.monitor_id || null : null,
    project_id: draft.scope === 'project' ? draft.project_id || null : null,
    starts_at: fromLocalInput(draft.starts_at),
    duration: Math.round(Number(draft.minutes) * 60),
    rrule: draft.rrule.trim(),
  };

  function save(event: SyntheticEvent) {
    event.preventDefault();
    return run(validateMaintenance(input), async () => {
      const body = { ...input, rrule: input.rrule || null };
      await writes.save(body);
    });
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="maintenance window" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={!canWrite || busy} className="stack">
        <Field label="Name" error={errors.name} help="Shown on the status page.">
          {(p) => <input {...p} value={draft.name} onChange={(e) => { set('name', e.target.value); }} />}
        </Field>
        <Field label="Description" error={errors.description} help="Public, one paragraph: what is done and what visitors may notice.">
          {(p) => <textarea {...p} rows={3} value={draft.description} onChange={(e) => { set('description', e.target.value); }} />}
        </Field>
        <fieldset className="stack">
          <legend>Covers</legend>
          <div className="form-row">
            <label className="checkbox">
              <input type="radio" name="scope" checked={draft.scope === 'monitor'} onChange={() => { set('scope', 'monitor'); }} />
              One monitor
            </label>
            <label className="checkbox">
              <input type="radio" name="scope" checked={draft.scope === 'project'} onChange={() => { set('scope', 'project'); }} />
              Every monitor of a project
            </label>
          </div>
          {draft.scope === 'monitor' ? (
            <Field label="Monitor" error={errors.monitor_id}>
              {(p) => (
                <select {...p} value={draft.monitor_id} onChange={(e) => { set('monitor_id', e.target.value); }}>
                  <option value="">Choose a monitor</option>
                  {monitors.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <Field label="Project" error={errors.project_id ?? errors.monitor_id}>
              {(p) => (
                <select {...p} value={draft.project_id} onChange={(e) => { set('project_id', e.target.value); }}>
                  <option value="">Choose a project</option>
                  {projects.map((pr) => (
                    <option key={pr.id} value={pr.id}>
                      {pr.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>
        <div className="form-row">
          <Field label="Starts" error={errors.starts_at} help={`Your local time; ${input.starts_at ? input.starts_at.slice(0, 16).replace('T', ' ') : '…'} UTC.`}>
            {(p) => <input {...p} type="datetime-local" value={draft.starts_at} onChange={(e) => { set('starts_at', e.target.value); }} />}
          </Field>
          <Field label="Duration (minutes)" error={errors.duration} help="1 minute to 7 days.">
            {(p) => <input {...p} type="number" min={1} max={10080} value={draft.minutes} onChange={(e) => { set('minutes', e.target.value); }} />}
          </Field>
        </div>
        <Field label="Repeats" error={errors.rrule} help="Empty: once. An RRULE in UTC, e.g. FREQ=WEEKLY;BYDAY=SU or FREQ=DAILY;COUNT=5.">
          {(p) => <input {...p} value={draft.rrule} onChange={(e) => { set('rrule', e.target.value); }} />}
        </Field>
      </fieldset>
      {w?.next_window && (
        <p className="muted">
          {w.active ? 'On now, until' : 'Next:'} {w.active ? when(w.next_window.ends_at) : `${when(w.next_window.starts_at)} – ${when(w.next_window.ends_at)}`}
        </p>
      )}
      {canWrite && (
        <EditorActions
          noun="window"
          isNew={isNew}
          busy={busy}
          list={PATHS.list}
          confirmDelete={w && `Delete the maintenance window “${w.name}”?`}
          onDelete={() => run({}, writes.remove)}
        />
      )}
    </form>
  );
}

export function MaintenanceEditor({ canWrite }: { canWrite: boolean }) {
  const { id } = useParams();
  const isNew = id === 'new';
  const query = useAdminItem<Maintenance>('/api/v1/maintenance-windows', isNew ? undefined : id);
  return (
    <EditorPage
      query={query}
      isNew={isNew}
      noun="maintenance window"
      back={{ to: '/admin/maintenance', label: 'Maintenance' }}
      nameOf={(w) => w.name}
    >
      {({ item, etag, onReload }) => <Editor window={item} etag={etag} canWrite={canWrite} onReload={onReload} />}
    </EditorPage>
  );
}
