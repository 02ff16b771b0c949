// The writes every item editor makes, in one place: create, or change with a merge patch
// and If-Match (a concurrent change is a 412, never a silent overwrite); delete with
// If-Match after a confirmation; then every view asks again and the editor opens the
// saved version with "Saved." (EditorPage). And the row of buttons under each editor.
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { request } from '../api/client';
import { useRefreshAfterWrite } from './api';

export interface ItemPaths {
  /** The API collection: /api/v1/monitors. */
  api: string;
  /** The console's item pages: /admin/monitors (+ /{id}). */
  page: string;
  /** The console's list, where a delete goes back to. */
  list: string;
}

export function useItemWrites(paths: ItemPaths, id: string | undefined, etag: string) {
  const navigate = useNavigate();
  const refresh = useRefreshAfterWrite();
  return {
    save: async (body: unknown): Promise<void> => {
      const saved =
        id === undefined
          ? await request<{ id: string }>(paths.api, { method: 'POST', body })
          : await request<{ id: string }>(`${paths.api}/${id}`, { method: 'PATCH', body, ifMatch: etag });
      await refresh(); // loads the saved version: the editor starts again from it
      void navigate(`${paths.page}/${saved.data.id}`, { replace: true, state: { saved: true } });
    },
    remove: async (): Promise<void> => {
      await request<undefined>(`${paths.api}/${id ?? ''}`, { method: 'DELETE', ifMatch: etag });
      await refresh();
      void navigate(paths.list, { replace: true });
    },
  };
}

/** Create or save, delete (after `confirmDelete` is accepted), any `children`, cancel. */
export function EditorActions({
  noun,
  isNew,
  busy,
  list,
  confirmDelete,
  onDelete,
  children,
}: {
  noun: string;
  isNew: boolean;
  busy: boolean;
  list: string;
  /** The question before deleting; without it there is no delete button. */
  confirmDelete?: string | undefined;
  onDelete: () => Promise<void>;
  children?: ReactNode;
}) {
  return (
    <div className="actions">
      <button type="submit" className="button primary" disabled={busy}>
        {isNew ? `Create ${noun}` : 'Save changes'}
      </button>
      {children}
      {!isNew && confirmDelete && (
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => {
            if (window.confirm(confirmDelete)) {
              void onDelete();
            }
          }}
        >
          Delete {noun}
        </button>
      )}
      <Link to={list}>Cancel</Link>
    </div>
  );
}
