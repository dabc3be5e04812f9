import { CLIENT_ID_RULE } from '../../shared/client-id.js';
import { DomainError } from '../../shared/domain-error.js';
import type { AcceptReport, RejectReport, ReportKind, SubmitReport } from '../commands.js';
import type { ReportAccepted, ReportRejected, ReportSubmitted } from '../events.js';
import { assertFourEyes, reportSubmitter } from '../rules/four-eyes.js';
import type { Project, Report } from '../state.js';
import { REPORT_ALLOWED_FROM } from '../transitions.js';
import { actorOf, invalid, isLocalId, optionalText, stampOf, stampWithReason } from './command-context.js';

/**
 * Reports are submitted, then accepted or rejected by someone else. Several interim reports
 * may be made; a final report is made once — again only if the previous one was rejected.
 */
export function submitReport(command: SubmitReport, project: Project): ReportSubmitted[] {
  const { reportId, kind } = command.data;
  const errors = [];
  if (!isLocalId(reportId)) errors.push({ field: 'reportId', message: CLIENT_ID_RULE });
  if (!Object.hasOwn(REPORT_ALLOWED_FROM, kind)) {
    errors.push({ field: 'kind', message: 'expected interim, final-narrative or final-financial' });
  }
  if (errors.length > 0) throw invalid('report.invalid', errors);
  if (Object.hasOwn(project.reports, reportId)) {
    throw new DomainError('report.duplicate', `a report with id ${reportId} was already submitted`, 'conflict');
  }
  assertReportOfKindOpen(project, kind);
  const summary = optionalText(command.data.summary);
  return [
    {
      type: 'ReportSubmitted',
      data: {
        reportId,
        kind,
        ...(summary === undefined ? {} : { summary }),
        submittedBy: actorOf(command),
        ...stampOf(command, 'submitting a report'),
      },
    },
  ];
}

/** A final report of each kind is made once; again only after the previous one was rejected. */
export function assertReportOfKindOpen(project: Project, kind: ReportKind): void {
  if (kind === 'interim') return;
  const standing = Object.values(project.reports).find((report) => report.kind === kind && report.status !== 'rejected');
  if (standing) {
    throw new DomainError('report.already-submitted', `the ${kind} report is already ${standing.status}`, 'conflict');
  }
}

export function acceptReport(command: AcceptReport, project: Project): ReportAccepted[] {
  const report = undecidedReport(project, command.data.reportId);
  assertFourEyes(actorOf(command), 'AcceptReport', reportSubmitter(report));
  return [
    {
      type: 'ReportAccepted',
      data: {
        reportId: command.data.reportId,
        kind: report.kind,
        acceptedBy: actorOf(command),
        ...stampOf(command, 'accepting a report'),
      },
    },
  ];
}

export function rejectReport(command: RejectReport, project: Project): ReportRejected[] {
  const stamp = stampWithReason(command, 'rejecting a report');
  const report = undecidedReport(project, command.data.reportId);
  const { reportId } = command.data;
  return [{ type: 'ReportRejected', data: { reportId, kind: report.kind, rejectedBy: actorOf(command), ...stamp } }];
}

function undecidedReport(project: Project, reportId: string): Report & { kind: ReportKind } {
  const report = Object.hasOwn(project.reports, reportId) ? project.reports[reportId] : undefined;
  if (!report) throw new DomainError('report.not-found', `no report ${reportId} in ${project.projectId}`, 'not-found');
  if (report.status !== 'submitted') {
    throw new DomainError('report.already-decided', `report ${reportId} is already ${report.status}`, 'conflict');
  }
  return report;
}
