import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { session } from '../api/session';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { AuditLog } from './AuditLog';
import { IncidentDetail } from './IncidentDetail';
import { IncidentsAdmin } from './IncidentsAdmin';
import { MaintenanceAdmin } from './MaintenanceAdmin';
import { MaintenanceEditor } from './MaintenanceEditor';
import { MfaEnroll } from './MfaEnroll';
import { MonitorEditor } from './MonitorEditor';
import { MonitorsAdmin } from './MonitorsAdmin';
import { ProjectEditor } from './ProjectEditor';
import { ProjectsAdmin } from './ProjectsAdmin';
import { SettingsEditor } from './SettingsEditor';
import { SignIn } from './SignIn';
import { SloEditor } from './SloEditor';
import { SlosAdmin } from './SlosAdmin';
import { TokensAdmin } from './TokensAdmin';
import { UserEditor } from './UserEditor';
import { UsersAdmin } from './UsersAdmin';
import { canWrite, useMe, type UserMe } from './useMe';
import './admin.css';

function Console({ me }: { me: UserMe }) {
  const client = useQueryClient();
  const write = canWrite(me.role);
  const admin = me.role === 'admin';
  const pages = [
    { to: '/admin', label: 'Projects' },
    { to: '/admin/monitors', label: 'Monitors' },
    { to: '/admin/slos', label: 'SLOs' },
    { to: '/admin/incidents', label: 'Incidents' },
    { to: '/admin/maintenance', label: 'Maintenance' },
    { to: '/admin/settings', label: 'Profile' },
    ...(admin
      ? [
          { to: '/admin/users', label: 'Users' },
          { to: '/admin/tokens', label: 'API tokens' },
          { to: '/admin/audit', label: 'Audit log' },
        ]
      : []),
  ];
  return (
    <div className="console">
      <div className="console-bar">
        <nav aria-label="Admin">
          <ul>
            {pages.map((p) => (
              <li key={p.to}>
                <NavLink to={p.to} end={p.to === '/admin'}>
                  {p.label}
                </NavLink>
              </li>
            ))}
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
        <Route path="slos" element={<SlosAdmin canWrite={write} />} />
        <Route path="slos/:id" element={<SloEditor canWrite={write} />} />
        <Route path="incidents" element={<IncidentsAdmin />} />
        <Route path="incidents/:id" element={<IncidentDetail canWrite={write} />} />
        <Route path="maintenance" element={<MaintenanceAdmin canWrite={write} />} />
        <Route path="maintenance/:id" element={<MaintenanceEditor canWrite={write} />} />
        <Route path="settings" element={<SettingsEditor canEdit={admin} />} />
        {admin && (
          <>
            <Route path="users" element={<UsersAdmin />} />
            <Route path="users/:id" element={<UserEditor selfId={me.id} />} />
            <Route path="tokens" element={<TokensAdmin />} />
            <Route path="audit" element={<AuditLog />} />
          </>
        )}
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
