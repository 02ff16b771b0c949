import { lazy, Suspense, useEffect, useRef } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { Empty, Loading } from './components/QueryState';
import { HomePage } from './pages/HomePage';
import { StatusPage } from './pages/StatusPage';

// The project page pulls in the chart library and the admin console the forms: both load
// on first visit, so the portfolio home stays small (docs/web.md, size budget).
const ProjectPage = lazy(() => import('./pages/ProjectPage').then((m) => ({ default: m.ProjectPage })));
const AdminApp = lazy(() => import('./admin/AdminApp').then((m) => ({ default: m.AdminApp })));

/** After a navigation, focus goes to the main landmark so screen readers start there. */
function FocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

function NotFound() {
  return (
    <Empty title="Page not found">
      <p>There is nothing at this address.</p>
    </Empty>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <FocusOnNavigate />
      <Layout>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/status" element={<StatusPage />} />
            <Route path="/projects/:slug" element={<ProjectPage />} />
            <Route path="/admin/*" element={<AdminApp />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </BrowserRouter>
  );
}
