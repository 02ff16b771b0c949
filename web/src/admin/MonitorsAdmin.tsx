import { Link } from 'react-router-dom';
import { MonitorBadge } from '../components/StatusBadge';
import { when } from '../lib/format';
import { useAdminMonitors, type Monitor } from './api';
import { ListPage } from './ListPage';

/** Every monitor with its state (refreshed every 30 s); "New monitor" for editors. */
export function MonitorsAdmin({ canWrite }: { canWrite: boolean }) {
  return (
    <ListPage<Monitor>
      title="Monitors"
      what="monitors"
      query={useAdminMonitors()}
      create={canWrite && { to: '/admin/monitors/new', label: 'New monitor' }}
      empty={{
        title: 'No monitors yet',
        body: <p>A monitor checks a URL, a TCP port or a certificate, or waits for a job&apos;s heartbeat.</p>,
      }}
      columns={['Name', 'Kind', 'Target', 'State', 'Last check']}
      row={(m) => (
        <tr key={m.id}>
          <td>
            <Link to={`/admin/monitors/${m.id}`}>{m.name}</Link>
            {m.public && <span className="badge">Public</span>}
          </td>
          <td>{m.kind}</td>
          <td className="target">{m.target}</td>
          <td>
            {m.status.state === 'paused' ? <span className="badge">Paused</span> : <MonitorBadge state={m.status.state} />}
          </td>
          <td>{when(m.status.last_check_at)}</td>
        </tr>
      )}
    />
  );
}
