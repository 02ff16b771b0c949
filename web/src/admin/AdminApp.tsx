import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { session } from '../api/session';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { MfaEnroll } from './MfaEnroll';
import { MonitorEditor } from './MonitorEditor';
import { MonitorsAdmin } from './MonitorsAdmin';
import { ProjectEditor } from './ProjectEditor';
import { ProjectsAdmin } from './ProjectsAdmin';
import { SettingsEditor } from './SettingsEditor';
import { SignIn } from './SignIn';
import { canWrite, useMe, type UserMe } from './useMe';
import './admin.css';

function Console({ me }: { me: UserMe }) {
  const client = useQueryClient();
  const write = canWrite(me.role);
  return (
    <div className="console">
      <div className="console-bar">
        <nav aria-label="Admin">
          <ul>
            <li>
              <NavLink to="/admin" end>
                Projects
              </NavLink>
            </li>
            <li>
              <NavLink to="/admin/monitors">Monitors</NavLink>
            </li>
            <li>
              <NavLink to="/admin/settings">Profile</NavLink>
            </li>
          </ul>
        </nav>
        <p className="who">
          {me.display_name} <span className="badge">{me.role}</span>
        </p>
        <button
          type="button"
          className="button"
          onClick={() => {
            void session.signOut().then(() => { client.removeQueries({ queryKey: ['me'] }); });
          }}
        >
          Sign out
        </button>
      </div>
      {me.role === 'viewer' && (
        <p className="notice">You are a viewer: you can read everything here but change nothing.</p>
      )}
      <Routes>
        <Route index element={<ProjectsAdmin canWrite={write} />} />
        <Route path="projects/:id" element={<ProjectEditor canWrite={write} />} />
        <Route path="monitors" element={<MonitorsAdmin canWrite={write} />} />
        <Route path="monitors/:id" element={<MonitorEditor canWrite={write} />} />
        <Route path="settings" element={<SettingsEditor canEdit={me.role === 'admin'} />} />
        <Route
          path="*"
          element={
            <Empty title="Page not found">
              <p>This part of the console does not exist.</p>
            </Empty>
          }
        />
      </Routes>
    </div>
  );
}

/** /admin: resumes the session (refresh cookie) or asks to sign in; admins without a second
 *  factor set one up first (the server refuses them everything else until then). */
export function AdminApp() {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const client = useQueryClient();
  useEffect(() => {
    void session.restore();
  }, []);
  const me = useMe(state === 'signed-in');

  if (state === 'unknown') {
    return <Loading what="your session" />;
  }
  if (state === 'signed-out') {
    return <SignIn />;
  }
  if (me.isPending) {
    return <Loading what="your account" />;
  }
  if (me.isError) {
    return <ErrorNotice error={me.error} what="your account" />;
  }
  if (me.data.kind !== 'user') {
    return <SignIn reason="API tokens cannot use the console; sign in as a user." />;
  }
  if (me.data.role === 'admin' && !me.data.mfa_enabled) {
    return <MfaEnroll required onDone={() => void client.invalidateQueries({ queryKey: ['me'] })} />;
  }
  return <Console me={me.data} />;
}
