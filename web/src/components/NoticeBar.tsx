import { useSyncExternalStore } from 'react';
import { notices } from '../lib/notices';

/** The app-wide notice: shown while requests fail with 5xx or no connection (retrying). */
export function NoticeBar() {
  const trouble = useSyncExternalStore(notices.subscribe, notices.getTrouble);
  return (
    <div role="status" aria-live="polite" className="container">
      {trouble && (
        <p className="notice warning">
          The server is not answering right now. Retrying; the figures shown may be out of date.
        </p>
      )}
    </div>
  );
}
