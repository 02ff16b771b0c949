import { monitorLabel, STATE_LABELS, type MonitorState } from '../lib/format';
import type { PageState } from '../api/types';

/** A monitor's state as a coloured dot and a word (colour is never the only cue). */
export function MonitorBadge({ state, maintenance = false }: { state: MonitorState; maintenance?: boolean }) {
  return (
    <span className="badge">
      <span className={`dot ${maintenance ? 'maintenance' : state}`} aria-hidden="true" />
      {monitorLabel(state, maintenance)}
    </span>
  );
}

const SHORT: Record<PageState, string> = {
  operational: 'Operational',
  degraded: 'Degraded',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  unknown: 'No data yet',
  under_maintenance: 'Maintenance',
};

/** A group's or page's state. `long` uses the banner wording ("All systems operational"). */
export function StateBadge({ state, long = false }: { state: PageState; long?: boolean }) {
  return (
    <span className="badge">
      <span className={`dot ${state}`} aria-hidden="true" />
      {long ? STATE_LABELS[state] : SHORT[state]}
    </span>
  );
}
