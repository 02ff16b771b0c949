import { useState, type SyntheticEvent } from 'react';
import { request } from '../api/client';
import type { Settings } from '../api/types';
import { ErrorNotice, Loading } from '../components/QueryState';
import { useTitle } from '../lib/useTitle';
import { useAdminSettings, useRefreshAfterWrite } from './api';
import { ConflictNotice, Field, FormMessage, useSave } from './form';
import { LinksEditor } from './LinksEditor';
import { MarkdownField } from './MarkdownField';
import { validateSettings, type SettingsInput } from './rules';

function Form({
  settings,
  etag,
  canEdit,
  onReload,
  onSaved,
}: {
  settings: Settings;
  etag: string;
  canEdit: boolean;
  onReload: () => void;
  onSaved: () => void;
}) {
  const refresh = useRefreshAfterWrite();
  const [draft, setDraft] = useState<SettingsInput>({
    name: settings.name,
    headline: settings.headline,
    location: settings.location,
    about_markdown: settings.about_markdown,
    links: settings.links.map((l) => ({ ...l })),
  });
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof SettingsInput>(key: K, value: SettingsInput[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function save(event: SyntheticEvent) {
    event.preventDefault();
    return run(validateSettings(draft), async () => {
      await request<Settings>('/api/v1/settings', { method: 'PATCH', body: draft, ifMatch: etag });
      onSaved();
      await refresh(); // the form starts again from the saved version
    });
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="profile" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={!canEdit || busy} className="stack">
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} value={draft.name} autoComplete="name" onChange={(e) => { set('name', e.target.value); }} />}
        </Field>
        <Field label="Headline" error={errors.headline} help="One line under your name, e.g. “Site reliability engineer”.">
          {(p) => <input {...p} value={draft.headline} onChange={(e) => { set('headline', e.target.value); }} />}
        </Field>
        <Field label="Location" error={errors.location}>
          {(p) => <input {...p} value={draft.location} onChange={(e) => { set('location', e.target.value); }} />}
        </Field>
        <MarkdownField label="About" rows={8} value={draft.about_markdown} error={errors.about_markdown} onChange={(v) => { set('about_markdown', v); }} />
        <LinksEditor links={draft.links} errors={errors} onChange={(l) => { set('links', l); }} />
      </fieldset>
      {canEdit && (
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            Save profile
          </button>
        </div>
      )}
    </form>
  );
}

/** The profile heading the portfolio (GET/PATCH /api/v1/settings; admins edit it). */
export function SettingsEditor({ canEdit }: { canEdit: boolean }) {
  useTitle('Profile · Admin');
  const query = useAdminSettings();
  const [generation, setGeneration] = useState(0);
  const [saved, setSaved] = useState(false);
  return (
    <section aria-labelledby="settings-heading" className="stack">
      <h1 id="settings-heading">Profile</h1>
      {!canEdit && <p className="notice">Only admins change the profile; you can read it.</p>}
      {saved && (
        <p className="notice" role="status">
          Saved.
        </p>
      )}
      {query.isPending && <Loading what="the profile" />}
      {query.isError && <ErrorNotice error={query.error} what="the profile" />}
      {query.data && (
        <Form
          key={`${query.data.etag}-${generation}`}
          settings={query.data.data}
          etag={query.data.etag}
          canEdit={canEdit}
          onReload={() => void query.refetch().then(() => { setGeneration((g) => g + 1); })}
          onSaved={() => { setSaved(true); }}
        />
      )}
    </section>
  );
}
