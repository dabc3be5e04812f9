import type { ProjectEvent } from './events.js';
import { evolveProject } from './evolve.js';
import { initialProjectState, type Project, type ProjectStatus } from './state.js';
import { APPROVER, AT, DRAFTER, SUBMITTER, usd } from './testing/project-fixtures.js';
import { extensionRequested, historyTo, reportAccepted, reportSubmitted, revisionRequested } from './testing/project-history.js';
import { waitingDecisions } from './waiting-decisions.js';

const fold = (events: ProjectEvent[]) => events.reduce(evolveProject, initialProjectState()) as Project;
const REVISED = { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') };

describe('what waits for an approver', () => {
  it.each([
    ['submitted', 'endorsement', 'endorsement', 'EndorseProject', AT.submitted],
    ['endorsed', 'approval', 'approval', 'ApproveProject', AT.endorsed],
    ['retained', 'retained', 'approval', 'ApproveProject', AT.retained],
  ] as const)('a %s proposal waits for its %s since it got there', (status, kind, awaiting, decision, since) => {
    const [item, ...rest] = waitingDecisions(fold(historyTo(status)));
    expect(rest).toEqual([]);
    expect(item).toEqual({
      kind,
      awaiting,
      decision,
      since,
      participants: [
        { id: DRAFTER, did: 'drafted the project' },
        { id: SUBMITTER, did: 'submitted the project' },
      ],
      draftedBy: DRAFTER,
      submittedBy: SUBMITTER,
      ...(status === 'submitted' ? {} : { endorsedBy: APPROVER }),
    });
  });

  it.each(['draft', 'approved', 'active', 'suspended', 'completed', 'closed', 'cancelled', 'rejected'] as ProjectStatus[])(
    'nothing waits for a %s project with no request or report',
    (status) => expect(waitingDecisions(fold(historyTo(status)))).toEqual([]),
  );

  it('lists a pending revision, a pending extension and each submitted report, with who asked and what', () => {
    const project = fold([
      ...historyTo('active'),
      revisionRequested('rev-1', REVISED),
      extensionRequested('ext-1', '2020-06-30', SUBMITTER),
      ...[reportSubmitted('rep-2', 'interim', SUBMITTER), reportSubmitted('rep-1', 'interim')],
      reportSubmitted('rep-3', 'interim'),
      reportAccepted('rep-3', 'interim'),
    ]);
    expect(waitingDecisions(project)).toEqual([
      {
        kind: 'budget-revision',
        awaiting: 'approval',
        decision: 'ApproveBudgetRevision',
        requestId: 'rev-1',
        since: '2019-06-01T09:00:00.000Z',
        participants: [{ id: DRAFTER, did: 'requested this budget revision' }],
        requestedBy: DRAFTER,
        budget: { ...REVISED, total: usd('40000.00') },
        reason: 'Exchange-rate loss on the workshop venue',
      },
      {
        kind: 'extension',
        awaiting: 'approval',
        decision: 'ApproveNoCostExtension',
        requestId: 'ext-1',
        since: '2019-06-01T09:00:00.000Z',
        participants: [{ id: SUBMITTER, did: 'requested this extension' }],
        requestedBy: SUBMITTER,
        currentEndDate: '2020-03-31',
        newEndDate: '2020-06-30',
        reason: 'The parliament postponed the hearing',
      },
      ...['rep-1', 'rep-2'].map((reportId) => ({
        kind: 'report',
        awaiting: 'acceptance',
        decision: 'AcceptReport',
        reportId,
        since: '2019-05-25T09:00:00.000Z', // an interim report comes during implementation (project-history.ts)
        participants: [{ id: reportId === 'rep-1' ? DRAFTER : SUBMITTER, did: 'submitted this report' }],
        submittedBy: reportId === 'rep-1' ? DRAFTER : SUBMITTER,
        reportKind: 'interim',
      })),
    ]);
  });

  it('drops a report that can no longer be decided once the project is cancelled', () => {
    const cancelled = historyTo('cancelled');
    const project = fold([...cancelled.slice(0, -1), reportSubmitted('rep-1', 'interim'), cancelled.at(-1)!]);
    expect(project.reports['rep-1']?.status).toBe('submitted');
    expect(waitingDecisions(project)).toEqual([]);
  });
});
