import { Link } from 'react-router-dom';
import { useStatus } from '../api/queries';
import type { StatusDocument } from '../api/types';
import { IncidentList } from '../components/IncidentList';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { MonitorBadge, StateBadge } from '../components/StatusBadge';
import { percent, STATE_LABELS, when } from '../lib/format';
import { useTitle } from '../lib/useTitle';

function Maintenance({ windows }: { windows: StatusDocument['maintenance'] }) {
  if (windows.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">Maintenance</h2>
      <ul className="stack plain-list">
        {windows.map((w) => (
          <li key={w.id} className="card">
            <h3>
              {w.name} <span className="badge">{w.active ? 'In progress' : 'Scheduled'}</span>
            </h3>
            <p className="muted">
              {when(w.starts_at)} to {when(w.ends_at)} · {w.monitors.length} monitor
              {w.monitors.length === 1 ? '' : 's'}
            </p>
            {w.description && <p>{w.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The public status page: overall state, groups of monitors, open incidents with their
 *  updates, maintenance now and within a week. Refreshes itself every 30 s. */
export function StatusPage() {
  const status = useStatus();
  useTitle('Status');
  if (status.isPending) {
    return <Loading what="the status" />;
  }
  if (status.isError) {
    return <ErrorNotice error={status.error} what="the status" />;
  }
  const doc = status.data;
  return (
    <>
      <h1>Status</h1>
      <div className={`status-banner ${doc.state}`} role="status">
        <span className={`dot ${doc.state}`} aria-hidden="true" />
        {STATE_LABELS[doc.state]}
      </div>
      <p className="muted">
        Updated {when(doc.generated_at)} · {doc.counts.up} up, {doc.counts.degraded} degraded,{' '}
        {doc.counts.down} down
        {doc.counts.maintenance > 0 ? `, ${doc.counts.maintenance} in maintenance` : ''}
      </p>
      {doc.incidents.length > 0 && (
        <section aria-labelledby="open-incidents-heading">
          <h2 id="open-incidents-heading">Open incidents</h2>
          <IncidentList incidents={doc.incidents} />
        </section>
      )}
      <Maintenance windows={doc.maintenance} />
      <section aria-labelledby="monitors-heading">
        <h2 id="monitors-heading">Monitors</h2>
        {doc.groups.length === 0 && (
          <Empty title="Nothing is monitored yet">
            <p>Public monitors appear here once they are created in the admin console.</p>
          </Empty>
        )}
        {doc.groups.map((g) => {
          const id = `group-${g.project?.id ?? 'other'}`;
          return (
            <section key={id} className="card status-group" aria-labelledby={id}>
              <h3 id={id} className="group-title">
                {g.project ? <Link to={`/projects/${g.project.slug}`}>{g.project.title}</Link> : 'Other services'}
                <StateBadge state={g.state} />
              </h3>
              <ul className="monitor-list">
                {g.monitors.map((m) => (
                  <li key={m.id}>
                    <span>{m.name}</span>
                    <span className="muted">{percent(m.uptime_24h)} uptime, 24 h</span>
                    <MonitorBadge state={m.state} maintenance={m.maintenance} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </section>
    </>
  );
}
