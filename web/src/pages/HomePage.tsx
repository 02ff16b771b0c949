import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useProjects, useSettings, useStatus, type ProjectFilters } from '../api/queries';
import type { ProjectStatus, Settings, StatusGroup } from '../api/types';
import { ProjectCard } from '../components/ProjectCard';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { useTitle } from '../lib/useTitle';

const STATUSES: ProjectStatus[] = ['active', 'maintained', 'archived'];

function Profile({ settings }: { settings: Settings | undefined }) {
  if (!settings) {
    return null;
  }
  const empty = !settings.name && !settings.headline && !settings.about_html;
  return (
    <section className="profile" aria-labelledby="profile-name">
      <h1 id="profile-name">{settings.name || 'Portfolio'}</h1>
      {settings.headline && <p className="headline">{settings.headline}</p>}
      {settings.location && <p className="muted">{settings.location}</p>}
      {empty && (
        <p className="muted">
          The owner has not written a profile yet. Projects, their uptime and their incidents
          are below.
        </p>
      )}
      {settings.about_html && (
        // Rendered by the server from markdown without raw HTML (domain/markdown.hpp).
        <div className="about prose" dangerouslySetInnerHTML={{ __html: settings.about_html }} />
      )}
      {settings.links.length > 0 && (
        <ul className="links" aria-label="Profile links">
          {settings.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="me noopener">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function useGroups(): Map<string, StatusGroup> {
  const status = useStatus();
  return useMemo(() => {
    const byProject = new Map<string, StatusGroup>();
    for (const g of status.data?.groups ?? []) {
      if (g.project) {
        byProject.set(g.project.id, g);
      }
    }
    return byProject;
  }, [status.data]);
}

function Featured({ groups }: { groups: Map<string, StatusGroup> }) {
  const featured = useProjects({ featured: true });
  const items = featured.data?.pages[0]?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="featured-heading">
      <div className="section-head">
        <h2 id="featured-heading">Featured</h2>
      </div>
      <ul className="project-grid">
        {items.slice(0, 6).map((p) => (
          <li key={p.id}>
            <ProjectCard project={p} group={groups.get(p.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The search box writes the URL a moment after typing stops, so each key is not a request. */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    // The URL changed from elsewhere (back button, a tag link): show its query.
    setShown(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) {
      return undefined;
    }
    const timer = setTimeout(() => { onChange(text); }, 300);
    return () => { clearTimeout(timer); };
  }, [text, value, onChange]);
  return (
    <div className="field">
      <label htmlFor="project-search">Search</label>
      <input
        id="project-search"
        type="search"
        value={text}
        maxLength={200}
        placeholder="Title, summary or tag"
        onChange={(e) => { setText(e.target.value); }}
      />
    </div>
  );
}

function AllProjects({ groups }: { groups: Map<string, StatusGroup> }) {
  const [params, setParams] = useSearchParams();
  const filters: ProjectFilters = {};
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const status = params.get('status') ?? '';
  if (q) filters.q = q;
  if (tag) filters.tag = tag;
  if (STATUSES.includes(status as ProjectStatus)) filters.status = status as ProjectStatus;
  const projects = useProjects(filters);

  const setParam = useCallback(
    (key: string, value: string) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const items = projects.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || tag || status);

  return (
    <section aria-labelledby="all-heading">
      <div className="section-head">
        <h2 id="all-heading">All projects</h2>
      </div>
      <div className="filters" role="search" aria-label="Filter projects">
        <SearchBox value={q} onChange={(v) => { setParam('q', v); }} />
        <div className="field">
          <label htmlFor="project-status">Status</label>
          <select id="project-status" value={status} onChange={(e) => { setParam('status', e.target.value); }}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0]?.toUpperCase()}
                {s.slice(1)}
              </option>
            ))}
          </select>
        </div>
        {tag && (
          <button type="button" className="button" onClick={() => { setParam('tag', ''); }}>
            Tag: {tag} <span aria-hidden="true">×</span>
            <span className="visually-hidden">(remove this filter)</span>
          </button>
        )}
      </div>
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNotice error={projects.error} what="the projects" />}
      {projects.isSuccess && items.length === 0 && (
        <Empty title={filtered ? 'No project matches' : 'No projects yet'}>
          <p>
            {filtered
              ? 'Try another search or remove a filter.'
              : 'Projects appear here once they are published from the admin console.'}
          </p>
        </Empty>
      )}
      {items.length > 0 && (
        <>
          <p className="muted" aria-live="polite">
            {items.length} shown{projects.hasNextPage ? ', more available' : ''}
          </p>
          <ul className="project-grid">
            {items.map((p) => (
              <li key={p.id}>
                <ProjectCard project={p} group={groups.get(p.id)} onTag={(t) => { setParam('tag', t); }} />
              </li>
            ))}
          </ul>
        </>
      )}
      {projects.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button"
            disabled={projects.isFetchingNextPage}
            onClick={() => void projects.fetchNextPage()}
          >
            {projects.isFetchingNextPage ? 'Loading…' : 'Show more projects'}
          </button>
        </div>
      )}
    </section>
  );
}

export function HomePage() {
  const settings = useSettings();
  const groups = useGroups();
  useTitle(settings.data?.name || 'Portfolio');
  return (
    <>
      {settings.isError && <ErrorNotice error={settings.error} what="the profile" />}
      <Profile settings={settings.data} />
      <Featured groups={groups} />
      <AllProjects groups={groups} />
    </>
  );
}
