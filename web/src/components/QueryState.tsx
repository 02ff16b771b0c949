import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** Loading and error states of one query, the same on every page. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="spinner" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error, what }: { error: unknown; what: string }) {
  let text = `Could not load ${what}.`;
  if (error instanceof ApiError) {
    if (error.status === 403) {
      text = `You are not allowed to see ${what}: ${error.message}`;
    } else if (error.status === 404) {
      text = `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} not found.`;
    } else {
      text = `Could not load ${what}: ${error.message}`;
    }
  }
  return (
    <p className="notice error" role="alert">
      {text}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
