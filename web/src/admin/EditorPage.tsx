import type { UseQueryResult } from '@tanstack/react-query';
import { Fragment, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ErrorNotice, Loading } from '../components/QueryState';
import { useTitle } from '../lib/useTitle';
import type { Versioned } from './api';

/** The page around every versioned editor (project, monitor, ...): the way back, the
 *  heading, "Saved." after a save (navigation state), loading and errors, and the editor
 *  itself, started again from the stored version whenever a new one loads (a save, or the
 *  reload a 412 offers). */
export function EditorPage<T>({
  query,
  isNew,
  noun,
  back,
  nameOf,
  extra,
  children,
}: {
  query: UseQueryResult<Versioned<T>>;
  isNew: boolean;
  noun: string;
  back: { to: string; label: string };
  nameOf: (item: T) => string;
  extra?: (item: T) => ReactNode;
  children: (props: { item: T | undefined; etag: string; onReload: () => void }) => ReactNode;
}) {
  const [generation, setGeneration] = useState(0);
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const item = query.data?.data;
  const name = item ? nameOf(item) : '';
  useTitle(isNew ? `New ${noun} · Admin` : `${name || noun} · Admin`);
  const onReload = () => {
    void query.refetch().then(() => { setGeneration((g) => g + 1); });
  };
  return (
    <section aria-labelledby="editor-heading" className="stack">
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1 id="editor-heading">{isNew ? `New ${noun}` : `Edit “${name}”`}</h1>
      {saved && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      {!isNew && query.isPending && <Loading what={`the ${noun}`} />}
      {!isNew && query.isError && <ErrorNotice error={query.error} what={`the ${noun}`} />}
      {!isNew && item && extra?.(item)}
      {(isNew || query.data) && (
        <Fragment key={`${query.data?.etag ?? 'new'}-${generation}`}>
          {children({ item, etag: query.data?.etag ?? '*', onReload })}
        </Fragment>
      )}
    </section>
  );
}
