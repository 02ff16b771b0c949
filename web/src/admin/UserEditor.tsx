import { useState, type SyntheticEvent } from 'react';
import { useParams } from 'react-router-dom';
import { useAdminItem, type User } from './api';
import { EditorPage } from './EditorPage';
import { EditorActions, useItemWrites } from './itemWrites';
import { ConflictNotice, Field, FormMessage, useSave } from './form';
import { validateUser } from './operationsRules';
import type { Role } from './useMe';

const PATHS = { api: '/api/v1/users', page: '/admin/users', list: '/admin/users' };

const ROLE_HELP: Record<Role, string> = {
  admin: 'Everything, users and tokens included; must use a second factor.',
  editor: 'Writes content, monitors, SLOs, maintenance and incident updates.',
  viewer: 'Reads everything in the console, changes nothing.',
};

function Editor({ user, etag, selfId, onReload }: { user: User | undefined; etag: string; selfId: string; onReload: () => void }) {
  const writes = useItemWrites(PATHS, user?.id, etag);
  const [draft, setDraft] = useState({
    email: user?.email ?? '',
    display_name: user?.display_name ?? '',
    role: user?.role ?? 'editor',
    disabled: user?.disabled ?? false,
    password: '',
  });
  const { errors, failure, busy, run } = useSave();
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const isNew = user === undefined;
  const isSelf = user?.id === selfId;

  function save(event: SyntheticEvent) {
    event.preventDefault();
    const input = { ...draft, email: draft.email.trim(), display_name: draft.display_name.trim() };
    return run(validateUser(input, isNew), async () => {
      const { password, display_name, ...rest } = input;
      const body = {
        ...rest,
        ...(display_name ? { display_name } : {}),
        ...(password ? { password } : {}),
      };
      await writes.save(body);
    });
  }

  function resetMfa() {
    if (!user || !window.confirm(`Reset the second factor of ${user.display_name}? They set up a new one at their next sign-in.`)) {
      return Promise.resolve();
    }
    return run({}, () => writes.save({ mfa_enabled: false }));
  }

  return (
    <form onSubmit={(e) => void save(e)} noValidate className="stack editor">
      {failure?.conflict && <ConflictNotice what="user" onReload={onReload} />}
      <FormMessage failure={failure} />
      <fieldset disabled={busy} className="stack">
        <div className="form-row">
          <Field label="Email" error={errors.email}>
            {(p) => <input {...p} type="email" autoComplete="off" value={draft.email} onChange={(e) => { set('email', e.target.value); }} />}
          </Field>
          <Field label="Display name" error={errors.display_name} help={isNew ? 'Empty: the part of the email before @.' : undefined}>
            {(p) => <input {...p} value={draft.display_name} onChange={(e) => { set('display_name', e.target.value); }} />}
          </Field>
        </div>
        <Field label="Role" error={errors.role} help={ROLE_HELP[draft.role]}>
          {(p) => (
            <select {...p} value={draft.role} onChange={(e) => { set('role', e.target.value as Role); }}>
              <option value="admin">Admin</option>
              <option value="editor">Editor</option>
              <option value="viewer">Viewer</option>
            </select>
          )}
        </Field>
        <Field
          label={isNew ? 'Password' : 'New password'}
          error={errors.password}
          help={isNew ? 'At least 12 characters; share it safely.' : 'Empty: unchanged.'}
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" value={draft.password} onChange={(e) => { set('password', e.target.value); }} />}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={draft.disabled} disabled={isSelf} onChange={(e) => { set('disabled', e.target.checked); }} />
          Disabled (refused at once, signed in or not)
        </label>
      </fieldset>
      <EditorActions
        noun="user"
        isNew={isNew}
        busy={busy}
        list={PATHS.list}
        confirmDelete={user && !isSelf ? `Delete the account of ${user.display_name}? They are refused at once.` : undefined}
        onDelete={() => run({}, writes.remove)}
      >
        {user?.mfa_enabled && (
          <button type="button" className="button" disabled={busy} onClick={() => void resetMfa()}>
            Reset second factor
          </button>
        )}
      </EditorActions>
    </form>
  );
}

/** Create or edit an account (admins only): role, password, disable, second-factor reset. */
export function UserEditor({ selfId }: { selfId: string }) {
  const { id } = useParams();
  const isNew = id === 'new';
  const query = useAdminItem<User>('/api/v1/users', isNew ? undefined : id);
  return (
    <EditorPage query={query} isNew={isNew} noun="user" back={{ to: '/admin/users', label: 'Users' }} nameOf={(u) => u.display_name}>
      {({ item, etag, onReload }) => <Editor user={item} etag={etag} selfId={selfId} onReload={onReload} />}
    </EditorPage>
  );
}
