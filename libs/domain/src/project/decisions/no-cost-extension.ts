import { businessDateOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import type { ApproveNoCostExtension, RejectNoCostExtension, RequestNoCostExtension } from '../commands.js';
import type { NoCostExtensionApproved, NoCostExtensionRejected, NoCostExtensionRequested } from '../events.js';
import { assertFourEyes, extensionRequester } from '../rules/four-eyes.js';
import { assertRequestInTime } from '../rules/request-deadline.js';
import type { PendingNoCostExtension, Project } from '../state.js';
import { actorOf, invalid, stampOf, stampWithReason } from './command-context.js';
import { assertNewRequest, pendingRequest } from './change-requests.js';

const KIND = 'no-cost extension';

/** Rule 10: in time, and to a later end date (the budget stays as it is). */
export function requestNoCostExtension(command: RequestNoCostExtension, project: Project): NoCostExtensionRequested[] {
  const stamp = stampWithReason(command, 'requesting a no-cost extension');
  const { requestId, newEndDate } = command.data;
  assertNewRequest(project, KIND, requestId);
  assertRequestInTime(businessDateOf(command.context), project.currentEndDate, KIND);
  if (!isCalendarDate(newEndDate)) {
    throw invalid('extension.invalid', [{ field: 'newEndDate', message: 'expected a calendar date YYYY-MM-DD' }]);
  }
  if (newEndDate <= project.currentEndDate) {
    throw invalid('extension.invalid', [
      { field: 'newEndDate', message: `must be after the current end date ${project.currentEndDate}` },
    ]);
  }
  return [
    {
      type: 'NoCostExtensionRequested',
      data: { requestId, currentEndDate: project.currentEndDate, newEndDate, requestedBy: actorOf(command), ...stamp },
    },
  ];
}

/** Takes effect now: the current end date moves (and with it rule 10's and rule 11's dates). */
export function approveNoCostExtension(command: ApproveNoCostExtension, project: Project): NoCostExtensionApproved[] {
  const request = pendingRequest<PendingNoCostExtension>(project, KIND, command.data.requestId);
  assertFourEyes(actorOf(command), 'ApproveNoCostExtension', extensionRequester(request));
  return [
    {
      type: 'NoCostExtensionApproved',
      data: {
        requestId: request.requestId,
        approvedBy: actorOf(command),
        previousEndDate: project.currentEndDate,
        newEndDate: request.newEndDate,
        ...stampOf(command, 'approving a no-cost extension'),
      },
    },
  ];
}

export function rejectNoCostExtension(command: RejectNoCostExtension, project: Project): NoCostExtensionRejected[] {
  const stamp = stampWithReason(command, 'rejecting a no-cost extension');
  const request = pendingRequest<PendingNoCostExtension>(project, KIND, command.data.requestId);
  return [
    { type: 'NoCostExtensionRejected', data: { requestId: request.requestId, rejectedBy: actorOf(command), ...stamp } },
  ];
}
