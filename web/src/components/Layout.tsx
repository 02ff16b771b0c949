import type { ReactNode } from 'react';
import { NavLink, Link } from 'react-router-dom';
import { useSettings } from '../api/queries';
import { NoticeBar } from './NoticeBar';
import { ThemeToggle } from './ThemeToggle';

/** Every page's frame: skip link, header with navigation, main landmark, footer. */
export function Layout({ children }: { children: ReactNode }) {
  const settings = useSettings();
  const name = settings.data?.name || 'Portfolio';
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container">
          <Link to="/" className="brand">
            {name}
          </Link>
          <nav className="site-nav" aria-label="Main">
            <ul>
              <li>
                <NavLink to="/" end>
                  Projects
                </NavLink>
              </li>
              <li>
                <NavLink to="/status">Status</NavLink>
              </li>
              <li>
                <NavLink to="/admin">Admin</NavLink>
              </li>
            </ul>
          </nav>
          <ThemeToggle />
        </div>
      </header>
      <NoticeBar />
      <main id="main" tabIndex={-1}>
        <div className="container">{children}</div>
      </main>
      <footer className="site-footer">
        <div className="container">
          <span>Uptime and latency measured by this site's own synthetic checks.</span>
          <a href="/docs">API reference</a>
        </div>
      </footer>
    </>
  );
}
