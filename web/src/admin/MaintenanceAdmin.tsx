import { Link } from 'react-router-dom';
import { when } from '../lib/format';
import { useAdminList, useNames, type Maintenance } from './api';
import { ListPage } from './ListPage';

/** What a window covers, by name: "Monitor api" or "Project Shop (every monitor)". */
export function useCoverage() {
  const monitors = useNames('/api/v1/monitors', 'name');
  const projects = useNames('/api/v1/projects', 'title');
  return (w: Pick<Maintenance, 'monitor_id' | 'project_id'>) =>
    w.monitor_id
      ? `Monitor ${monitors.get(w.monitor_id) ?? w.monitor_id}`
      : `Project ${projects.get(w.project_id ?? '') ?? w.project_id ?? ''} (every monitor)`;
}

/** Every maintenance window with what it covers and when it is next on. */
export function MaintenanceAdmin({ canWrite }: { canWrite: boolean }) {
  const coverage = useCoverage();
  return (
    <ListPage<Maintenance>
      title="Maintenance"
      what="maintenance windows"
      query={useAdminList<Maintenance>('/api/v1/maintenance-windows', {}, { refetchInterval: 60_000 })}
      create={canWrite && { to: '/admin/maintenance/new', label: 'New window' }}
      empty={{
        title: 'No maintenance windows',
        body: (
          <p>
            During a window its monitors&apos; failures open no incident, send no notification and
            spend no error budget; the status page announces it.
          </p>
        ),
      }}
      columns={['Name', 'Covers', 'Next window', 'Repeats']}
      row={(w) => (
        <tr key={w.id}>
          <td>
            <Link to={`/admin/maintenance/${w.id}`}>{w.name}</Link>
            {w.active && <span className="badge">On now</span>}
          </td>
          <td>{coverage(w)}</td>
          <td>{w.next_window ? `${when(w.next_window.starts_at)} – ${when(w.next_window.ends_at)}` : 'None left'}</td>
          <td className="target">{w.rrule ?? 'Once'}</td>
        </tr>
      )}
    />
  );
}
