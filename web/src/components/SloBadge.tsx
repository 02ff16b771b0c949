import { budgetLeft } from '../lib/format';

export type SloState = 'ok' | 'warning' | 'exhausted';

const DOT: Record<SloState, string> = { ok: 'up', warning: 'degraded', exhausted: 'down' };
const WORDS: Record<SloState, string> = { ok: 'On track', warning: 'At risk', exhausted: 'Budget spent' };

/** An SLO's state in a word and a dot, with its objective and the budget left:
 *  "On track · 99.9 % · 82 % of budget left" (colour is never the only cue). */
export function SloBadge({
  state,
  objective,
  remaining,
  name,
}: {
  state: SloState;
  objective: number;
  remaining: number;
  name?: string;
}) {
  return (
    <span className="badge slo-badge">
      <span className={`dot ${DOT[state]}`} aria-hidden="true" />
      {name ? `${name}: ` : 'SLO '}
      {objective} % · {WORDS[state]} · {budgetLeft(remaining)}
    </span>
  );
}
