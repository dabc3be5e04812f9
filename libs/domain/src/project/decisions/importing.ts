import { businessDateOf } from '../../calendar/business-date.js';
import { isCalendarDate } from '../../calendar/calendar-date.js';
import { DomainError } from '../../shared/domain-error.js';
import { subtractCents } from '../../shared/money.js';
import { acceptProposal } from '../accept-proposal.js';
import type { ImportProject } from '../commands.js';
import type { ProjectImportCorrected, ProjectImported } from '../events.js';
import { IMPORTABLE_STATUSES, IMPORTED_FIELD_KEYS, isImportableStatus, type ImportedFields } from '../imported-record.js';
import { assertImportedFlowsPossible, committedOnImport } from '../rules/imported-money.js';
import type { ProjectState } from '../state.js';
import { actorOf } from './command-context.js';
import { sameValue } from './same-value.js';

/**
 * A row of the fund's published list: a new project is recorded as it stands; a row equal
 * to what the last import recorded records nothing; a changed row records a correction.
 * The proposal's rules apply (shape, coverage ⇒ states, staff costs when a breakdown is
 * given) but not rule 3's ceilings: the project was funded under the ceilings of its day.
 */
export function importProject(command: ImportProject, state: ProjectState): (ProjectImported | ProjectImportCorrected)[] {
  const fields = importedFieldsOf(command);
  const at = command.context.at;
  // The day of the import (the fund's today unless the admin dated it): the record's own
  // dates stay in its fields.
  const effectiveOn = businessDateOf(command.context);
  const { source } = command.data;
  if (state.status === 'none') {
    return [
      {
        type: 'ProjectImported',
        data: { projectId: command.data.projectId, ...fields, importedBy: actorOf(command), source, effectiveOn, at },
      },
    ];
  }
  if (state.imported === undefined) {
    throw new DomainError(
      'import.project-not-imported',
      `project ${command.data.projectId} was recorded in the service, not imported: an import cannot change it`,
      'conflict',
    );
  }
  const previous = state.imported.fields;
  const before: Partial<ImportedFields> = {};
  const after: Partial<ImportedFields> = {};
  for (const key of IMPORTED_FIELD_KEYS) {
    if (sameValue(previous[key], fields[key])) continue;
    (before as Record<string, unknown>)[key] = previous[key];
    (after as Record<string, unknown>)[key] = fields[key];
  }
  if (Object.keys(after).length === 0) return [];
  if (state.imported.changedInService) {
    throw new DomainError(
      'import.changed-in-service',
      `project ${command.data.projectId} has changed in the service since it was imported; ` +
        `the list's changes (${Object.keys(after).join(', ')}) must be recorded with the service's own commands`,
      'conflict',
    );
  }
  for (const key of ['primaId', 'year', 'fundingLine'] as const) {
    if (key in after) {
      throw new DomainError(
        'import.key-field-changed',
        `the list gives project ${command.data.projectId} another ${key} (${String(previous[key])} → ${String(fields[key])}); ` +
          'the PRIMA id and the envelope (year, line) of an imported project are not corrected by a re-import',
        'conflict',
      );
    }
  }
  return [
    {
      type: 'ProjectImportCorrected',
      data: {
        year: previous.year,
        fundingLine: previous.fundingLine,
        before,
        after,
        committedDifference: subtractCents(fields.committed, previous.committed),
        correctedBy: actorOf(command),
        source,
        reason: `re-imported from ${source.fileName} (sha256 ${source.sha256}), line ${source.line}`,
        effectiveOn,
        at,
      },
    },
  ];
}

/** The row checked whole and as it is recorded: proposal accepted, money derived. */
function importedFieldsOf(command: ImportProject): ImportedFields {
  const { record, projectId } = command.data;
  if (!isImportableStatus(record.status)) {
    throw new DomainError(
      'import.status-not-importable',
      `a project that is ${record.status} is still in review: draft it in the service instead ` +
        `(a list may give ${IMPORTABLE_STATUSES.join(', ')})`,
      'invalid',
    );
  }
  const proposal = acceptProposal({ ...record, projectId }, command.policy, { withProjectId: true, historic: true });
  for (const [field, date] of [['actualStartDate', record.actualStartDate], ['actualEndDate', record.actualEndDate]] as const) {
    if (date !== undefined && !isCalendarDate(date)) {
      throw new DomainError('proposal.invalid', `${field} must be a calendar date YYYY-MM-DD`, 'invalid', [
        { field, message: 'expected a calendar date YYYY-MM-DD' },
      ]);
    }
  }
  if (record.actualStartDate !== undefined && record.actualEndDate !== undefined && record.actualEndDate < record.actualStartDate) {
    throw new DomainError('proposal.invalid', 'actualEndDate must not be before actualStartDate', 'invalid', [
      { field: 'actualEndDate', message: 'must not be before the actual start date' },
    ]);
  }
  assertImportedFlowsPossible(record.status, proposal.budgetTotal, record.disbursed, record.spent);
  return {
    ...proposal,
    status: record.status,
    ...(record.actualStartDate === undefined ? {} : { actualStartDate: record.actualStartDate }),
    ...(record.actualEndDate === undefined ? {} : { actualEndDate: record.actualEndDate }),
    committed: committedOnImport(record.status, proposal.budgetTotal, record.disbursed),
    disbursed: record.disbursed,
    spent: record.spent,
    breakdownGiven: record.breakdownGiven,
  };
}
