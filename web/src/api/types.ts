// Names for the API's schemas, all generated from api/openapi.yaml (schema.gen.ts): a
// change to the contract that the dashboard does not follow fails `tsc`.
import type { components, operations } from './schema.gen';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type Project = Schemas['Project'];
export type ProjectSummary = Schemas['ProjectSummary'];
export type ProjectPage = Schemas['ProjectPage'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type MonitorSummary = Schemas['MonitorSummary'];
export type StatusDocument = Schemas['StatusDocument'];
export type StatusGroup = StatusDocument['groups'][number];
export type StatusMonitor = StatusGroup['monitors'][number];
export type PageState = Schemas['PageState'];
export type Incident = Schemas['Incident'];
export type Settings = Schemas['Settings'];
export type SummaryWindow = MonitorSummary['window'];
export type Slo = Schemas['Slo'];
export type SloReport = Schemas['SloReport'];
export type SloBadgeData = Schemas['SloBadge'];

export type IncidentPage =
  operations['listIncidents']['responses'][200]['content']['application/json'];
export type ProjectQuery = NonNullable<operations['listProjects']['parameters']['query']>;
