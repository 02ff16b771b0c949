import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProjectSummary } from '../api/types';
import { when } from '../lib/format';
import { useAdminProjects } from './api';
import { ListPage } from './ListPage';

/** Every project, drafts included, with links to edit; "New project" for editors. */
export function ProjectsAdmin({ canWrite }: { canWrite: boolean }) {
  const [q, setQ] = useState('');
  const projects = useAdminProjects(q);
  return (
    <ListPage<ProjectSummary>
      title="Projects"
      what="projects"
      query={projects}
      create={canWrite && { to: '/admin/projects/new', label: 'New project' }}
      filters={
        <div className="field">
          <label htmlFor="admin-project-search">Search</label>
          <input id="admin-project-search" type="search" value={q} onChange={(e) => { setQ(e.target.value); }} />
        </div>
      }
      empty={{
        title: q ? 'No project matches' : 'No projects yet',
        body: canWrite && !q && <p>Create the first one with “New project”.</p>,
      }}
      columns={['Title', 'Visibility', 'Status', 'Updated']}
      row={(p) => (
        <tr key={p.id}>
          <td>
            <Link to={`/admin/projects/${p.id}`}>{p.title}</Link>
            {p.featured && <span className="badge">Featured</span>}
          </td>
          <td>{p.visibility}</td>
          <td>{p.status}</td>
          <td>{when(p.updated_at)}</td>
        </tr>
      )}
    />
  );
}
