import { todayOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import type { RecordGovernmentEndorsement, SubmitProject } from '../commands.js';
import type { GovernmentEndorsementRecorded, ProjectSubmitted } from '../events.js';
import { assertEndorsedForSubmission, assertStateIsBeneficiary } from '../rules/endorsements.js';
import type { Project } from '../state.js';
import { actorOf, invalid, optionalText, stampOf } from './command-context.js';

const AUTHORITY_MAX_LENGTH = 500;

/**
 * A government endorsement is a fact that already happened: its date cannot be after the
 * day it is recorded. Recording one again for the same state replaces the earlier record.
 */
export function recordGovernmentEndorsement(
  command: RecordGovernmentEndorsement,
  project: Project,
): GovernmentEndorsementRecorded[] {
  const { state, endorsedOn } = command.data;
  const authority = optionalText(command.data.authority);
  const errors = [];
  if (!isCalendarDate(endorsedOn)) {
    errors.push({ field: 'endorsedOn', message: 'expected a calendar date YYYY-MM-DD' });
  } else if (endorsedOn > todayOf(command.context)) {
    errors.push({ field: 'endorsedOn', message: 'must not be in the future' });
  }
  if (authority === undefined) {
    errors.push({ field: 'authority', message: 'name the endorsing authority' });
  } else if ([...authority].length > AUTHORITY_MAX_LENGTH) {
    errors.push({ field: 'authority', message: `at most ${AUTHORITY_MAX_LENGTH} characters` });
  }
  if (errors.length > 0) throw invalid('endorsement.invalid', errors);
  assertStateIsBeneficiary(project, state);
  return [
    {
      type: 'GovernmentEndorsementRecorded',
      data: {
        state,
        endorsedOn,
        authority: authority!,
        recordedBy: actorOf(command),
        ...stampOf(command, 'recording an endorsement'),
      },
    },
  ];
}

export function submitProject(command: SubmitProject, project: Project): ProjectSubmitted[] {
  assertEndorsedForSubmission(project);
  return [{ type: 'ProjectSubmitted', data: { submittedBy: actorOf(command), ...stampOf(command, 'submission') } }];
}
