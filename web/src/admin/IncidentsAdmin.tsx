import { Link, useSearchParams } from 'react-router-dom';
import type { Incident } from '../api/types';
import { UPDATE_WORDS } from '../components/IncidentList';
import { duration, when } from '../lib/format';
import { useAdminList } from './api';
import { ListPage } from './ListPage';

type StateFilter = '' | 'open' | 'resolved';

/** Every incident, newest first, open ones filterable; each opens to its timeline and the
 *  public updates, where editors post the next one. */
export function IncidentsAdmin() {
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? '') as StateFilter;
  return (
    <ListPage<Incident>
      title="Incidents"
      what="incidents"
      query={useAdminList<Incident>('/api/v1/incidents', { state }, { limit: 50, refetchInterval: 30_000 })}
      filters={
        <div className="field">
          <label htmlFor="incident-state">Show</label>
          <select
            id="incident-state"
            value={state}
            onChange={(e) => { setParams(e.target.value ? { state: e.target.value } : {}, { replace: true }); }}
          >
            <option value="">All incidents</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </select>
        </div>
      }
      empty={{
        title: state === 'open' ? 'No open incidents' : 'No incidents',
        body: <p>A monitor that goes down opens one; it resolves when the monitor recovers.</p>,
      }}
      columns={['Monitor', 'State', 'Started', 'Lasted', 'Last update']}
      row={(i) => {
        const last = i.updates.at(-1);
        return (
          <tr key={i.id}>
            <td>
              <Link to={`/admin/incidents/${i.id}`}>{i.monitor_name}</Link>
            </td>
            <td>
              <span className="badge">
                <span className={`dot ${i.state === 'open' ? 'down' : 'up'}`} aria-hidden="true" />
                {i.state === 'open' ? 'Open' : 'Resolved'}
              </span>
            </td>
            <td>{when(i.started_at)}</td>
            <td>{duration(i.duration_seconds)}</td>
            <td>{last ? `${UPDATE_WORDS[last.status]} · ${when(last.at)}` : 'None'}</td>
          </tr>
        );
      }}
    />
  );
}
