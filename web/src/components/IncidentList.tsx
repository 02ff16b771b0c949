import type { Incident } from '../api/types';
import { duration, when } from '../lib/format';

export const UPDATE_WORDS: Record<Incident['updates'][number]['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

/** Incidents with their public updates, newest first, as a list of articles. */
export function IncidentList({ incidents, headingLevel = 3 }: { incidents: Incident[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="stack plain-list">
      {incidents.map((i) => (
        <li key={i.id}>
          <article className={`card incident ${i.state}`} aria-labelledby={`incident-${i.id}`}>
            <Heading id={`incident-${i.id}`}>
              {i.monitor_name}: {i.state === 'open' ? 'outage ongoing' : 'outage resolved'}
            </Heading>
            <p className="muted">
              Started {when(i.started_at)}
              {i.resolved_at ? `, resolved ${when(i.resolved_at)}` : ''} · lasted{' '}
              {duration(i.duration_seconds)}
            </p>
            {i.updates.length > 0 && (
              <ol className="timeline" aria-label="Updates">
                {[...i.updates].reverse().map((u) => (
                  <li key={u.id}>
                    <strong>{UPDATE_WORDS[u.status]}</strong> · <span className="muted">{when(u.at)}</span>
                    <p className="update-body">{u.body}</p>
                  </li>
                ))}
              </ol>
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}
