import type { Slo, SloReport } from '../api/types';
import { percent } from '../lib/format';
import { BudgetChart } from './BudgetChart';
import { SloBadge } from './SloBadge';

/** What an SLO promises, in words: "99.9 % available over 30 days". */
export function sloPromise(slo: Pick<Slo, 'objective' | 'kind' | 'threshold_ms' | 'window'>): string {
  const days = slo.window.replace('d', ' days');
  return slo.kind === 'latency'
    ? `${String(slo.objective)} % of checks within ${String(slo.threshold_ms)} ms over ${days}`
    : `${String(slo.objective)} % available over ${days}`;
}

const minutes = (m: number) => `${m.toFixed(m < 10 ? 1 : 0)} min`;

/** One SLO's report: its state, the SLI, the budget in minutes, the burn-down chart and (for
 *  the console) the burn rates of its alerts. */
export function SloReportView({ slo, report, burnRates = true }: { slo: Slo; report: SloReport; burnRates?: boolean }) {
  const budget = report.error_budget;
  return (
    <div className="stack slo-report">
      <p>
        <SloBadge state={report.state} objective={slo.objective} remaining={budget.remaining_ratio} />
      </p>
      <dl className="windows">
        <div>
          <dt>Objective</dt>
          <dd>{sloPromise(slo)}</dd>
        </div>
        <div>
          <dt>Measured</dt>
          <dd>{percent(report.sli, 3)}</dd>
        </div>
        <div>
          <dt>Budget</dt>
          <dd>
            {minutes(budget.consumed_minutes)} of {minutes(budget.total_minutes)} spent
          </dd>
        </div>
      </dl>
      <BudgetChart report={report} label={`${slo.name}: error budget left, by day`} />
      {burnRates && (
        <table className="data">
          <caption>Burn-rate alerts (fire when both windows burn faster than the threshold)</caption>
          <thead>
            <tr>
              <th scope="col">Windows</th>
              <th scope="col">Burn rates</th>
              <th scope="col">Threshold</th>
              <th scope="col">Severity</th>
              <th scope="col">Firing</th>
            </tr>
          </thead>
          <tbody>
            {report.burn_rates.map((b) => (
              <tr key={b.long_window}>
                <td>
                  {b.long_window} / {b.short_window}
                </td>
                <td>
                  {b.long_rate.toFixed(2)} / {b.short_rate.toFixed(2)}
                </td>
                <td>{b.threshold}</td>
                <td>{b.severity}</td>
                <td>{b.firing ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
