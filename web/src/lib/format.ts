// How figures read on the page: one place, so every view says "99.95 %" the same way.
import type { PageState } from '../api/types';

export function percent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined) {
    return 'no data';
  }
  return `${(ratio * 100).toFixed(digits)} %`;
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return 'no data';
  }
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

export function duration(seconds: number): string {
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${hours} h ${minutes % 60} min`;
  }
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '';
}

export function day(iso: string): string {
  return dateOnly.format(new Date(iso));
}

export const STATE_LABELS: Record<PageState | 'up' | 'down' | 'pending' | 'maintenance', string> = {
  operational: 'All systems operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  unknown: 'No checks yet',
  under_maintenance: 'Under maintenance',
  up: 'Up',
  down: 'Down',
  pending: 'Pending',
  maintenance: 'Maintenance',
};

export type MonitorState = 'up' | 'down' | 'degraded' | 'pending';

export function monitorLabel(state: MonitorState, maintenance: boolean): string {
  return maintenance ? 'Maintenance' : STATE_LABELS[state];
}

/** An error budget's remaining share: "82 % of budget left", "overspent by 40 %". */
export function budgetLeft(ratio: number): string {
  return ratio >= 0
    ? `${Math.floor(ratio * 100)} % of budget left`
    : `budget overspent by ${Math.ceil(-ratio * 100)} %`;
}

/** An instant as a datetime-local input's value ("2026-11-27T14:30", local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value as an ISO instant ('' when empty or invalid). */
export function fromLocalInput(value: string): string {
  const t = value ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}
