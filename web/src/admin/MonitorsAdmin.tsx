import { Link } from 'react-router-dom';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { MonitorBadge } from '../components/StatusBadge';
import { when } from '../lib/format';
import { useTitle } from '../lib/useTitle';
import { useAdminMonitors } from './api';

/** Every monitor with its state (refreshed every 30 s); "New monitor" for editors. */
export function MonitorsAdmin({ canWrite }: { canWrite: boolean }) {
  useTitle('Monitors · Admin');
  const monitors = useAdminMonitors();
  const items = monitors.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="admin-monitors-heading" className="stack">
      <div className="section-head">
        <h1 id="admin-monitors-heading">Monitors</h1>
        {canWrite && (
          <Link className="button primary" to="/admin/monitors/new">
            New monitor
          </Link>
        )}
      </div>
      {monitors.isPending && <Loading what="monitors" />}
      {monitors.isError && <ErrorNotice error={monitors.error} what="the monitors" />}
      {monitors.isSuccess && items.length === 0 && (
        <Empty title="No monitors yet">
          <p>A monitor checks a URL, a TCP port or a certificate, or waits for a job&apos;s heartbeat.</p>
        </Empty>
      )}
      {items.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Monitors</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Target</th>
              <th scope="col">State</th>
              <th scope="col">Last check</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
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
            ))}
          </tbody>
        </table>
      )}
      {monitors.hasNextPage && (
        <button type="button" className="button" onClick={() => void monitors.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
