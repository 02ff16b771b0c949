import { useState, type SyntheticEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { request } from '../api/client';
import type { Incident } from '../api/types';
import { IncidentList, UPDATE_WORDS } from '../components/IncidentList';
import { ErrorNotice, Loading } from '../components/QueryState';
import { when } from '../lib/format';
import { useTitle } from '../lib/useTitle';
import { useAdminIncident, useRefreshAfterWrite } from './api';
import { Field, FormMessage, useSave } from './form';
import { validateIncidentUpdate } from './operationsRules';

type UpdateStatus = Incident['updates'][number]['status'];

const TIMELINE_WORDS: Record<Incident['timeline'][number]['kind'], string> = {
  down: 'Down',
  up: 'Up',
  degraded: 'Degraded',
  resolved: 'Resolved',
  monitor_disabled: 'Monitor paused',
  monitor_deleted: 'Monitor deleted',
};

/** The public update form: status and one paragraph, shown on the status page at once. */
function PostUpdate({ incident }: { incident: Incident }) {
  const refresh = useRefreshAfterWrite();
  const [status, setStatus] = useState<UpdateStatus>(incident.updates.at(-1)?.status ?? 'investigating');
  const [body, setBody] = useState('');
  const [posted, setPosted] = useState(false);
  const { errors, failure, busy, run } = useSave();
  function post(event: SyntheticEvent) {
    event.preventDefault();
    setPosted(false);
    return run(validateIncidentUpdate(body.trim()), async () => {
      await request<Incident>(`/api/v1/incidents/${incident.id}/updates`, { method: 'POST', body: { status, body: body.trim() } });
      setBody('');
      setPosted(true);
      await refresh();
    });
  }
  return (
    <form onSubmit={(e) => void post(e)} noValidate className="stack editor" aria-labelledby="post-update-heading">
      <h2 id="post-update-heading">Post a public update</h2>
      <FormMessage failure={failure} />
      {posted && (
        <p className="notice" role="status">
          Posted: it is on the status page now.
        </p>
      )}
      <fieldset disabled={busy} className="stack">
        <Field label="Status" error={errors.status}>
          {(p) => (
            <select {...p} value={status} onChange={(e) => { setStatus(e.target.value as UpdateStatus); }}>
              {Object.entries(UPDATE_WORDS).map(([value, words]) => (
                <option key={value} value={value}>
                  {words}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Message" error={errors.body} help="Plain text, one paragraph, shown to everyone as written.">
          {(p) => <textarea {...p} rows={4} value={body} onChange={(e) => { setBody(e.target.value); }} />}
        </Field>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          Post update
        </button>
      </div>
    </form>
  );
}

/** One incident: what the checks saw (the timeline, the error readers see) and the public
 *  updates, with the form for the next one (editors). */
export function IncidentDetail({ canWrite }: { canWrite: boolean }) {
  const { id = '' } = useParams();
  const incident = useAdminIncident(id);
  const i = incident.data;
  useTitle(`${i ? `Incident: ${i.monitor_name}` : 'Incident'} · Admin`);
  return (
    <section aria-labelledby="incident-heading" className="stack">
      <p>
        <Link to="/admin/incidents">← Incidents</Link>
      </p>
      <h1 id="incident-heading">{i ? `Incident: ${i.monitor_name}` : 'Incident'}</h1>
      {incident.isPending && <Loading what="the incident" />}
      {incident.isError && <ErrorNotice error={incident.error} what="the incident" />}
      {i && (
        <>
          {i.error && (
            <p className="notice error">
              The check that opened it found: <strong>{i.error.class}</strong>: {i.error.message}
            </p>
          )}
          <section aria-labelledby="timeline-heading" className="stack">
            <h2 id="timeline-heading">Timeline</h2>
            <ol className="timeline">
              {i.timeline.map((t) => (
                <li key={`${t.at}-${t.kind}`}>
                  <strong>{TIMELINE_WORDS[t.kind]}</strong> · <span className="muted">{when(t.at)}</span>
                  {t.error && (
                    <p className="update-body">
                      {t.error.class}: {t.error.message}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="public-heading" className="stack">
            <h2 id="public-heading">As the public sees it</h2>
            <IncidentList incidents={[i]} />
          </section>
          {canWrite && <PostUpdate incident={i} />}
        </>
      )}
    </section>
  );
}
