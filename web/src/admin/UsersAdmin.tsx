import { Link } from 'react-router-dom';
import { when } from '../lib/format';
import { useAdminList, type User } from './api';
import { ListPage } from './ListPage';

/** Every account with its role and second factor (admins only). */
export function UsersAdmin() {
  return (
    <ListPage<User>
      title="Users"
      what="users"
      query={useAdminList<User>('/api/v1/users')}
      create={{ to: '/admin/users/new', label: 'New user' }}
      empty={{ title: 'No users' }}
      columns={['Name', 'Email', 'Role', 'Second factor', 'Last sign-in']}
      row={(u) => (
        <tr key={u.id}>
          <td>
            <Link to={`/admin/users/${u.id}`}>{u.display_name}</Link>
            {u.disabled && <span className="badge">Disabled</span>}
          </td>
          <td>{u.email}</td>
          <td>{u.role}</td>
          <td>{u.mfa_enabled ? 'Enrolled' : 'None'}</td>
          <td>{u.last_login_at ? when(u.last_login_at) : 'Never'}</td>
        </tr>
      )}
    />
  );
}
