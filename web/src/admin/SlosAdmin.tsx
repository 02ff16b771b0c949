import { Link } from 'react-router-dom';
import { useAdminList, useNames, type Slo } from './api';
import { ListPage } from './ListPage';

/** Every SLO with the monitor it measures; "New SLO" for editors. */
export function SlosAdmin({ canWrite }: { canWrite: boolean }) {
  const monitors = useNames('/api/v1/monitors', 'name');
  return (
    <ListPage<Slo>
      title="SLOs"
      what="SLOs"
      query={useAdminList<Slo>('/api/v1/slos')}
      create={canWrite && { to: '/admin/slos/new', label: 'New SLO' }}
      empty={{
        title: 'No SLOs yet',
        body: (
          <p>
            An SLO sets an objective on a monitor (“99.9 % available over 30 days”) and tracks its
            error budget; public monitors show it on the portfolio.
          </p>
        ),
      }}
      columns={['Name', 'Monitor', 'Objective', 'Window']}
      row={(s) => (
        <tr key={s.id}>
          <td>
            <Link to={`/admin/slos/${s.id}`}>{s.name}</Link>
          </td>
          <td>{monitors.get(s.monitor_id) ?? s.monitor_id}</td>
          <td>
            {s.objective} % {s.kind === 'latency' ? `of checks within ${String(s.threshold_ms)} ms` : 'available'}
          </td>
          <td>{s.window}</td>
        </tr>
      )}
    />
  );
}
