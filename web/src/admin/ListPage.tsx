import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { useTitle } from '../lib/useTitle';

/** The page around every console list: heading, the "New …" link for writers, filters,
 *  loading, errors, the empty state, the table and "Show more" for the next page. */
export function ListPage<T>({
  title,
  what,
  query,
  columns,
  row,
  create,
  filters,
  empty,
  children,
}: {
  title: string;
  /** The items in words, for "Loading monitors…" and "Could not load the monitors". */
  what: string;
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  columns: string[];
  row: (item: T) => ReactNode;
  create?: { to: string; label: string } | false;
  filters?: ReactNode;
  empty: { title: string; body?: ReactNode };
  /** Shown between the heading and the list (a form, a notice). */
  children?: ReactNode;
}) {
  useTitle(`${title} · Admin`);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = `admin-${title.toLowerCase().replace(/[^a-z]+/g, '-')}-heading`;
  return (
    <section aria-labelledby={headingId} className="stack">
      <div className="section-head">
        <h1 id={headingId}>{title}</h1>
        {create && (
          <Link className="button primary" to={create.to}>
            {create.label}
          </Link>
        )}
      </div>
      {children}
      {filters}
      {query.isPending && <Loading what={what} />}
      {query.isError && <ErrorNotice error={query.error} what={`the ${what}`} />}
      {query.isSuccess && items.length === 0 && <Empty title={empty.title}>{empty.body}</Empty>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{items.map(row)}</tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          Show more
        </button>
      )}
    </section>
  );
}
