import type { ProjectStatus } from './state.js';

/** IATI activity status codes: 1 Pipeline, 2 Implementation, 3 Finalisation, 4 Closed, 5 Cancelled, 6 Suspended. */
export type IatiActivityStatus = 1 | 2 | 3 | 4 | 5 | 6;

const IATI_STATUS: Readonly<Record<ProjectStatus, IatiActivityStatus>> = {
  draft: 1,
  submitted: 1,
  endorsed: 1,
  retained: 1,
  approved: 1,
  active: 2,
  suspended: 6,
  completed: 3,
  closed: 4,
  cancelled: 5,
  rejected: 5,
};

/** The activity status a project is exported with (IATI 2.03 ActivityStatus code list). */
export function iatiActivityStatus(status: ProjectStatus): IatiActivityStatus {
  return IATI_STATUS[status];
}
