import { Link } from 'react-router-dom';
import { useMonitorSummary } from '../api/queries';
import type { ProjectSummary, StatusGroup } from '../api/types';
import { ms, percent } from '../lib/format';
import { Sparkline } from './Sparkline';
import { StateBadge } from './StatusBadge';
import { UptimeBar } from './UptimeBar';

const STATUS_WORDS: Record<ProjectSummary['status'], string> = {
  active: 'Active',
  maintained: 'Maintained',
  archived: 'Archived',
};

/** The evidence of a project's first public monitor: 90 days of uptime and latency. */
function Evidence({ group }: { group: StatusGroup }) {
  const monitor = group.monitors[0];
  const summary = useMonitorSummary(monitor?.id, '90d');
  if (!monitor) {
    return null;
  }
  const data = summary.data;
  const latency = data?.buckets.slice(-30).map((b) => b.latency_ms.p50) ?? [];
  return (
    <div className="evidence">
      {data ? <UptimeBar summary={data} /> : <div className="uptime-bar" aria-hidden="true" />}
      <div className="evidence-row">
        <span>
          {monitor.name}: <strong>{percent(data?.uptime)}</strong> uptime, 90 days
        </span>
      </div>
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
