import { Link } from 'react-router-dom';
import { useMonitorSummary } from '../api/queries';
import type { ProjectSummary, StatusGroup } from '../api/types';
import { ms, percent } from '../lib/format';
import { SloBadge } from './SloBadge';
import { Sparkline } from './Sparkline';
import { StateBadge } from './StatusBadge';
import { UptimeBar } from './UptimeBar';

const STATUS_WORDS: Record<ProjectSummary['status'], string> = {
  active: 'Active',
  maintained: 'Maintained',
  archived: 'Archived',
};

const SEVERITY = { ok: 0, warning: 1, exhausted: 2 } as const;

/** The project's SLO in the worst state (ties: the least budget left), for its card. */
function worstSlo(group: StatusGroup) {
  const all = group.monitors.flatMap((m) => m.slos);
  return all.reduce<(typeof all)[number] | undefined>((worst, s) => {
    if (!worst) return s;
    const a = SEVERITY[s.state];
    const b = SEVERITY[worst.state];
    return a > b || (a === b && s.remaining_ratio < worst.remaining_ratio) ? s : worst;
  }, undefined);
}

/** The evidence of a project's first public monitor: 90 days of uptime and latency, and
 *  the state of its SLOs. */
function Evidence({ group }: { group: StatusGroup }) {
  const monitor = group.monitors[0];
  const summary = useMonitorSummary(monitor?.id, '90d');
  if (!monitor) {
    return null;
  }
  const data = summary.data;
  const slo = worstSlo(group);
  const latency = data?.buckets.slice(-30).map((b) => b.latency_ms.p50) ?? [];
  return (
    <div className="evidence">
      {data ? <UptimeBar summary={data} /> : <div className="uptime-bar" aria-hidden="true" />}
      <div className="evidence-row">
        <span>
          {monitor.name}: <strong>{percent(data?.uptime)}</strong> uptime, 90 days
        </span>
      </div>
      {slo && (
        <p className="evidence-row">
          <SloBadge state={slo.state} objective={slo.objective} remaining={slo.remaining_ratio} />
        </p>
      )}
      <Sparkline values={latency} />
      <div className="evidence-row">
        <span>Median latency, 30 days</span>
        <strong>{ms(data?.latency_ms.p50)}</strong>
      </div>
    </div>
  );
}

export function ProjectCard({
  project,
  group,
  onTag,
}: {
  project: ProjectSummary;
  group: StatusGroup | undefined;
  onTag?: (tag: string) => void;
}) {
  return (
    <article className="card project-card" aria-labelledby={`project-${project.id}`}>
      <div className="card-head">
        <h3 id={`project-${project.id}`}>
          <Link to={`/projects/${project.slug}`}>{project.title}</Link>
        </h3>
        {group ? <StateBadge state={group.state} /> : <span className="badge">{STATUS_WORDS[project.status]}</span>}
      </div>
      {project.summary && <p className="summary">{project.summary}</p>}
      {project.tags.length > 0 && (
        <ul className="tag-list" aria-label="Tags">
          {project.tags.map((tag) => (
            <li key={tag}>
              {onTag ? (
                <button type="button" className="tag" onClick={() => { onTag(tag); }}>
                  {tag}
                </button>
              ) : (
                <span className="tag">{tag}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {group && <Evidence group={group} />}
    </article>
  );
}
