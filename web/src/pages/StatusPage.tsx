import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useStatus } from '../api/queries';
import type { StatusDocument, StatusGroup } from '../api/types';
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

/** Up to this many monitors, every group is open; beyond, only the groups that are not
 *  operational (10,000 monitors would otherwise be 10,000 rows to render and scroll). */
const OPEN_ALL_UP_TO = 100;

function StatusGroupCard({ group, startOpen }: { group: StatusGroup; startOpen: boolean }) {
  const [expanded, setExpanded] = useState(startOpen);
  const id = `group-${group.project?.id ?? 'other'}`;
  const n = group.monitors.length;
  return (
    <section className="card status-group" aria-labelledby={id}>
      <h3 id={id} className="group-title">
        {group.project ? <Link to={`/projects/${group.project.slug}`}>{group.project.title}</Link> : 'Other services'}
        <StateBadge state={group.state} />
      </h3>
      <button
        type="button"
        className="link-button"
        aria-expanded={expanded}
        aria-controls={`${id}-monitors`}
        onClick={() => { setExpanded(!expanded); }}
      >
        {expanded ? 'Hide' : 'Show'} {n} monitor{n === 1 ? '' : 's'}
      </button>
      {expanded && (
        <ul id={`${id}-monitors`} className="monitor-list">
          {group.monitors.map((m) => (
            <li key={m.id}>
              <span>{m.name}</span>
              <span className="muted">{percent(m.uptime_24h)} uptime, 24 h</span>
              <MonitorBadge state={m.state} maintenance={m.maintenance} />
            </li>
          ))}
        </ul>
      )}
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
  const total = doc.groups.reduce((sum, g) => sum + g.monitors.length, 0);
  const open = (g: StatusGroup) => total <= OPEN_ALL_UP_TO || g.state !== 'operational';
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
        {doc.groups.map((g) => (
          <StatusGroupCard key={g.project?.id ?? 'other'} group={g} startOpen={open(g)} />
        ))}
      </section>
    </>
  );
}
