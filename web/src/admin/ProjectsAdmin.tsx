import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { when } from '../lib/format';
import { useTitle } from '../lib/useTitle';
import { useAdminProjects } from './api';

/** Every project, drafts included, with links to edit; "New project" for editors. */
export function ProjectsAdmin({ canWrite }: { canWrite: boolean }) {
  useTitle('Projects · Admin');
  const [q, setQ] = useState('');
  const projects = useAdminProjects(q);
  const items = projects.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="admin-projects-heading" className="stack">
      <div className="section-head">
        <h1 id="admin-projects-heading">Projects</h1>
        {canWrite && (
          <Link className="button primary" to="/admin/projects/new">
            New project
          </Link>
        )}
      </div>
      <div className="field">
        <label htmlFor="admin-project-search">Search</label>
        <input id="admin-project-search" type="search" value={q} onChange={(e) => { setQ(e.target.value); }} />
      </div>
      {projects.isPending && <Loading what="projects" />}
      {projects.isError && <ErrorNotice error={projects.error} what="the projects" />}
      {projects.isSuccess && items.length === 0 && (
        <Empty title={q ? 'No project matches' : 'No projects yet'}>
          {canWrite && !q && <p>Create the first one with “New project”.</p>}
        </Empty>
      )}
      {items.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Projects</caption>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Visibility</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/projects/${p.id}`}>{p.title}</Link>
                  {p.featured && <span className="badge">Featured</span>}
                </td>
                <td>{p.visibility}</td>
                <td>{p.status}</td>
                <td>{when(p.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {projects.hasNextPage && (
        <button type="button" className="button" onClick={() => void projects.fetchNextPage()}>
          Show more
        </button>
      )}
    </section>
  );
}
