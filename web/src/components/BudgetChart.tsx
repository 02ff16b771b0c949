import { useMemo } from 'react';
import type { SloReport } from '../api/types';
import { day } from '../lib/format';
import { LineChart, type LineSeries } from './LineChart';

const RANGE: [number, number] = [0, 100];
const percentLeft = (v: number | null) => (v === null ? 'no data' : `${v.toFixed(1)} %`);
const daySeconds = (t: number) => day(new Date(t * 1000).toISOString());

/** The error budget's burn-down over the SLO's window: the share left at the end of each
 *  day (the report's budget_series), from 100 % down. */
export function BudgetChart({ report, label }: { report: SloReport; label: string }) {
  const [times, series] = useMemo((): [number[], LineSeries[]] => [
    report.budget_series.map((p) => Date.parse(p.at) / 1000),
    [{ label: 'Budget left', values: report.budget_series.map((p) => p.remaining_ratio * 100), color: '--accent' }],
  ], [report]);
  return (
    <LineChart times={times} series={series} format={percentLeft} range={RANGE} label={label} timeHeading="Day ending" timeText={daySeconds} />
  );
}
