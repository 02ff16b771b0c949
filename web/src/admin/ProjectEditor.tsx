import { useState, type SyntheticEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Project, ProjectStatus } from '../api/types';
import { useAdminProject } from './api';
import { EditorPage } from './EditorPage';
import { EditorActions, useItemWrites } from './itemWrites';
import { ConflictNotice, Field, FormMessage, useSave } from './form';
import { LinksEditor } from './LinksEditor';
import { MarkdownField } from './MarkdownField';
import { errorFor, splitList, validateProject, type LinkInput } from './rules';

const PATHS = { api: '/api/v1/projects', page: '/admin/projects', list: '/admin' };

interface Draft {
  title: string;
  slug: string;
  summary: string;
  body_markdown: string;
  tags: string;
  tech_stack: string;
  links: LinkInput[];
  repo_url: string;
  demo_url: string;
  status: ProjectStatus;
  visibility: 'draft' | 'published';
  featured: boolean;
  sort_order: string;
}

function draftOf(p: Project | undefined): Draft {
  return {
    title: p?.title ?? '',
    slug: p?.slug ?? '',
    summary: p?.summary ?? '',
    body_markdown: p?.body_markdown ?? '',
    tags: p?.tags.join(', ') ?? '',
    tech_stack: p?.tech_stack.join(', ') ?? '',
    links: p?.links.map((l) => ({ ...l })) ?? [],
    repo_url: p?.repo_url ?? '',
    demo_url: p?.demo_url ?? '',
    status: p?.status ?? 'active',
    visibility: p?.visibility ?? 'draft',
    featured: p?.featured ?? false,
    sort_order: String(p?.sort_order ?? 0),
  };
}

/** The document the API takes: empty URLs are null, lists are split. */
function documentOf(d: Draft) {
  return {
    title: d.title.trim(),
    slug: d.slug.trim(),
    summary: d.summary,
    body_markdown: d.body_markdown,
    tags: splitList(d.tags),
    tech_stack: splitList(d.tech_stack),
    links: d.links,
    repo_url: d.repo_url.trim(),
    demo_url: d.demo_url.trim(),
    status: d.status,
    visibility: d.visibility,
    featured: d.featured,
    sort_order: Number(d.sort_order),
  };
}

function Editor({ project, etag, canWrite, onReload }: { project: Project | undefined; etag: string; canWrite: boolean; onReload: () => void }) {
  const writes = useItemWrites(PATHS, project?.id, etag);
  const [draft, setDraft] = useState<Draft>(() => draftOf(project));
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const isNew = project === undefined;

  function save(event: SyntheticEvent) {
    event.preventDefault();
    const doc = documentOf(draft);
    return run(validateProject(doc), async () => {
      // An empty slug is derived from the title: left out on create, null on a change.
      const { slug, ...rest } = doc;
      const body = {
        ...rest,
        ...(slug ? { slug } : isNew ? {} : { slug: null }),
        repo_url: doc.repo_url || null,
        demo_url: doc.demo_url || null,
      };
      await writes.save(body);
    });
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="project" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={!canWrite || busy} className="stack">
        <Field label="Title" error={errors.title}>
          {(p) => <input {...p} value={draft.title} required onChange={(e) => { set('title', e.target.value); }} />}
        </Field>
        <Field label="Slug" error={errors.slug} help="The page address, /projects/<slug>. Empty: made from the title.">
          {(p) => <input {...p} value={draft.slug} onChange={(e) => { set('slug', e.target.value); }} />}
        </Field>
        <Field label="Summary" error={errors.summary}>
          {(p) => <textarea {...p} rows={2} value={draft.summary} onChange={(e) => { set('summary', e.target.value); }} />}
        </Field>
        <MarkdownField label="Body" value={draft.body_markdown} error={errors.body_markdown} onChange={(v) => { set('body_markdown', v); }} />
        <div className="form-row">
          <Field label="Tags" error={errorFor(errors, 'tags')} help="Comma-separated: lower-case letters, digits, + . # -">
            {(p) => <input {...p} value={draft.tags} onChange={(e) => { set('tags', e.target.value); }} />}
          </Field>
          <Field label="Tech stack" error={errorFor(errors, 'tech_stack')} help="Comma-separated">
            {(p) => <input {...p} value={draft.tech_stack} onChange={(e) => { set('tech_stack', e.target.value); }} />}
          </Field>
        </div>
        <div className="form-row">
          <Field label="Repository URL" error={errors.repo_url}>
            {(p) => <input {...p} type="url" value={draft.repo_url} onChange={(e) => { set('repo_url', e.target.value); }} />}
          </Field>
          <Field label="Demo URL" error={errors.demo_url}>
            {(p) => <input {...p} type="url" value={draft.demo_url} onChange={(e) => { set('demo_url', e.target.value); }} />}
          </Field>
        </div>
        <LinksEditor links={draft.links} errors={errors} onChange={(l) => { set('links', l); }} />
        <div className="form-row">
          <Field label="Status" error={errors.status}>
            {(p) => (
              <select {...p} value={draft.status} onChange={(e) => { set('status', e.target.value as ProjectStatus); }}>
                <option value="active">Active</option>
                <option value="maintained">Maintained</option>
                <option value="archived">Archived</option>
              </select>
            )}
          </Field>
          <Field label="Visibility" error={errors.visibility} help="Drafts are seen only by signed-in users.">
            {(p) => (
              <select {...p} value={draft.visibility} onChange={(e) => { set('visibility', e.target.value as Draft['visibility']); }}>
                <option value="draft">Draft</option>
                <option value="published">Published</option>
              </select>
            )}
          </Field>
          <Field label="Sort order" error={errors.sort_order} help="Lower comes first.">
            {(p) => <input {...p} type="number" step={1} value={draft.sort_order} onChange={(e) => { set('sort_order', e.target.value); }} />}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.featured} onChange={(e) => { set('featured', e.target.checked); }} />
          Featured on the home page
        </label>
      </fieldset>
      {canWrite && (
        <EditorActions
          noun="project"
          isNew={isNew}
          busy={busy}
          list={PATHS.list}
          confirmDelete={project && `Delete “${project.title}”? This cannot be undone.`}
          onDelete={() => run({}, writes.remove)}
        />
      )}
    </form>
  );
}

export function ProjectEditor({ canWrite }: { canWrite: boolean }) {
  const { id } = useParams();
  const isNew = id === 'new';
  const query = useAdminProject(isNew ? undefined : id);
  return (
    <EditorPage
      query={query}
      isNew={isNew}
      noun="project"
      back={{ to: '/admin', label: 'Projects' }}
      nameOf={(p) => p.title}
      extra={(p) =>
        p.visibility === 'published' && (
          <p>
            <Link to={`/projects/${p.slug}`}>View the public page</Link>
          </p>
        )
      }
    >
      {({ item, etag, onReload }) => <Editor project={item} etag={etag} canWrite={canWrite} onReload={onReload} />}
    </EditorPage>
  );
}
