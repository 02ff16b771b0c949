import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useIncidents, useMonitorSummary, useProject, useSlo, useStatus } from '../api/queries';
import type { Project, SloBadgeData, StatusMonitor, SummaryWindow } from '../api/types';
import { IncidentList } from '../components/IncidentList';
import { LatencyChart } from '../components/LatencyChart';
import { Empty, ErrorNotice, Loading } from '../components/QueryState';
import { SloReportView } from '../components/SloReportView';
import { MonitorBadge } from '../components/StatusBadge';
import { UptimeBar } from '../components/UptimeBar';
import { percent } from '../lib/format';
import { uptimeOfLast } from '../lib/uptime';
import { useTitle } from '../lib/useTitle';

const WINDOWS: SummaryWindow[] = ['24h', '7d', '30d', '90d'];

/** One monitor: state, uptime over four windows, the 90-day bar and the latency chart. */
function MonitorPanel({ monitor }: { monitor: StatusMonitor }) {
  const [window, setWindow] = useState<SummaryWindow>('30d');
  const day = useMonitorSummary(monitor.id, '24h');
  const quarter = useMonitorSummary(monitor.id, '90d');
  const chart = useMonitorSummary(monitor.id, window);
  const days = quarter.data?.buckets ?? [];
  const figures: Record<SummaryWindow, number | null | undefined> = {
    '24h': day.data?.uptime,
    '7d': quarter.data ? uptimeOfLast(days, 7) : undefined,
    '30d': quarter.data ? uptimeOfLast(days, 30) : undefined,
    '90d': quarter.data?.uptime,
  };
  const headingId = `monitor-${monitor.id}`;
  return (
    <section className="card monitor-block" aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId}>{monitor.name}</h3>
        <MonitorBadge state={monitor.state} maintenance={monitor.maintenance} />
      </div>
      <dl className="windows" aria-label={`Uptime of ${monitor.name}`}>
        {WINDOWS.map((w) => (
          <div key={w}>
            <dt>Uptime {w}</dt>
            <dd>{figures[w] === undefined ? '…' : percent(figures[w])}</dd>
          </div>
        ))}
      </dl>
      {quarter.data && <UptimeBar summary={quarter.data} />}
      <div className="section-head">
        <h4>Latency</h4>
        <div className="field">
          <label htmlFor={`window-${monitor.id}`}>Window</label>
          <select
            id={`window-${monitor.id}`}
            value={window}
            onChange={(e) => { setWindow(e.target.value as SummaryWindow); }}
          >
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chart.isError && <ErrorNotice error={chart.error} what="the latency" />}
      {chart.data && (
        <LatencyChart summary={chart.data} label={`${monitor.name}: p50 and p95 latency, ${window}`} />
      )}
    </section>
  );
}

function Facts({ project }: { project: Project }) {
  return (
    <aside aria-label="Project facts">
      <dl className="facts card">
        <dt>Status</dt>
        <dd>{project.status}</dd>
        {project.tech_stack.length > 0 && (
          <>
            <dt>Tech stack</dt>
            <dd>
              <ul className="tag-list">
                {project.tech_stack.map((t) => (
                  <li key={t}>
                    <span className="tag">{t}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {(Boolean(project.repo_url) || Boolean(project.demo_url) || project.links.length > 0) && (
          <>
            <dt>Links</dt>
            <dd>
              <ul className="plain-list">
                {project.repo_url && (
                  <li>
                    <a href={project.repo_url}>Source code</a>
                  </li>
                )}
                {project.demo_url && (
                  <li>
                    <a href={project.demo_url}>Live demo</a>
                  </li>
                )}
                {project.links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url}>{l.label}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {project.tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              <ul className="tag-list">
                {project.tags.map((t) => (
                  <li key={t}>
                    <Link className="tag" to={`/?tag=${encodeURIComponent(t)}`}>
                      {t}
                    </Link>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </aside>
  );
}

/** One SLO: its report and the burn-down of its error budget. */
function SloPanel({ badge, monitor }: { badge: SloBadgeData; monitor: string }) {
  const slo = useSlo(badge.id);
  const headingId = `slo-${badge.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {badge.name} <span className="muted">({monitor})</span>
      </h3>
      {slo.isPending && <Loading what="the SLO" />}
      {slo.isError && <ErrorNotice error={slo.error} what="the SLO" />}
      {slo.data?.report && <SloReportView slo={slo.data} report={slo.data.report} burnRates={false} />}
    </section>
  );
}

function Evidence({ project }: { project: Project }) {
  const status = useStatus();
  const incidents = useIncidents({ project_id: project.id, limit: 20 });
  const group = status.data?.groups.find((g) => g.project?.id === project.id);
  return (
    <>
      <section aria-labelledby="monitors-heading">
        <h2 id="monitors-heading">Uptime and latency</h2>
        {status.isPending && <Loading what="the monitors" />}
        {status.isError && <ErrorNotice error={status.error} what="the monitors" />}
        {status.isSuccess && !group && (
          <p className="muted">This project has no public monitors yet.</p>
        )}
        {group?.monitors.map((m) => <MonitorPanel key={m.id} monitor={m} />)}
      </section>
      {group?.monitors.some((m) => m.slos.length > 0) && (
        <section aria-labelledby="slos-heading" className="stack">
          <h2 id="slos-heading">Service level objectives</h2>
          {group.monitors.flatMap((m) => m.slos.map((s) => <SloPanel key={s.id} badge={s} monitor={m.name} />))}
        </section>
      )}
      <section aria-labelledby="incidents-heading">
        <h2 id="incidents-heading">Incident history</h2>
        {incidents.isError && <ErrorNotice error={incidents.error} what="the incidents" />}
        {incidents.data?.items.length === 0 && (
          <p className="muted">No incidents recorded.</p>
        )}
        {incidents.data && <IncidentList incidents={incidents.data.items} />}
      </section>
    </>
  );
}

export function ProjectPage() {
  const { slug = '' } = useParams();
  const project = useProject(slug);
  useTitle(project.data?.title ?? 'Project');
  if (project.isPending) {
    return <Loading what="the project" />;
  }
  if (project.isError) {
    return (
      <>
        <ErrorNotice error={project.error} what="this project" />
        <Empty title="Nothing here">
          <p>
            <Link to="/">Back to all projects</Link>
          </p>
        </Empty>
      </>
    );
  }
  const p = project.data;
  return (
    <article className="project-page" aria-labelledby="project-title">
      <header>
        <p>
          <Link to="/">← All projects</Link>
        </p>
        <h1 id="project-title">{p.title}</h1>
        {p.summary && <p className="headline muted">{p.summary}</p>}
      </header>
      <div className="project-layout">
        <div>
          {/* Rendered by the server from markdown without raw HTML (domain/markdown.hpp). */}
          <div className="prose" dangerouslySetInnerHTML={{ __html: p.body_html }} />
          <Evidence project={p} />
        </div>
        <Facts project={p} />
      </div>
    </article>
  );
}
