import { ROLES, type Role } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { COMMAND_ROLES } from '../fund/roles.js';
import { availableCommands, commandRefusal, type AvailableCommand, type Caller } from './available-commands.js';
import type { ProjectCommand } from './commands.js';
import { decideProject } from './decide.js';
import type { ProjectEvent } from './events.js';
import { evolveProject } from './evolve.js';
import { PROJECT_STATUSES, initialProjectState, type Project, type ProjectStatus } from './state.js';
import { APPROVER, AT, DRAFTER, SECOND_APPROVER, SUBMITTER, policy, usd } from './testing/project-fixtures.js';
import {
  approved,
  closureReports,
  drafted,
  endorsed,
  endorsementRecorded,
  submitted,
  disbursed,
  extensionRequested,
  historyTo,
  reportSubmitted,
  revisionRequested,
} from './testing/project-history.js';

const fold = (events: ProjectEvent[]) => events.reduce(evolveProject, initialProjectState()) as Project;

const CALLERS: Record<string, Caller> = {
  drafter: { id: DRAFTER, roles: ['fund-manager'] },
  submitter: { id: SUBMITTER, roles: ['fund-manager'] },
  'approver who endorsed': { id: APPROVER, roles: ['approver'] },
  'second approver': { id: SECOND_APPROVER, roles: ['approver'] },
  'drafter who is also an approver': { id: DRAFTER, roles: ['fund-manager', 'approver'] },
  'finance officer': { id: 'fo-farid', roles: ['finance-officer'] },
  auditor: { id: 'au-ines', roles: ['auditor'] },
  donor: { id: 'do-norway', roles: ['donor'] },
  admin: { id: 'ad-olga', roles: ['admin'] },
};

const FUNDED: readonly ProjectStatus[] = ['approved', 'active', 'suspended'];
const IMPLEMENTING: readonly ProjectStatus[] = ['active', 'suspended', 'completed'];
const REVISED = { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') };

/**
 * Each status as the ordinary path leaves it, and again with everything that may be
 * pending in that status (a budget revision, an extension, an interim report, a
 * disbursement: all by the drafter), and a completed project with its closure reports.
 */
function situations(): [string, ProjectEvent[]][] {
  return PROJECT_STATUSES.flatMap((status): [string, ProjectEvent[]][] => {
    const busy = [
      ...(FUNDED.includes(status) ? [revisionRequested('rev-1', REVISED), extensionRequested('ext-1', '2020-06-30')] : []),
      ...(IMPLEMENTING.includes(status) ? [reportSubmitted('rep-1', 'interim')] : []),
      ...([...FUNDED, 'completed'].includes(status) ? [disbursed('t-1', usd('100.00'))] : []),
    ];
    return [
      [status, historyTo(status)],
      ...(busy.length > 0 ? [[`${status}, with what may be pending`, [...historyTo(status), ...busy]] as [string, ProjectEvent[]]] : []),
      ...(status === 'completed' ? [['completed, reports accepted', [...historyTo(status), ...closureReports()]] as [string, ProjectEvent[]]] : []),
      ...(status === 'draft' ? [['draft, not yet endorsed by the government', [drafted()]] as [string, ProjectEvent[]]] : []),
      ...(status === 'approved'
        ? [['approved, no focal point yet', [drafted(), endorsementRecorded(), submitted(), endorsed(), approved()]] as [string, ProjectEvent[]]]
        : []),
    ];
  });
}

/** Every command a client could send to PO.0143, naming the ids the situations use. */
function everyCommand(): (Omit<ProjectCommand, 'context'> & { key: string })[] {
  const why = { reason: 'Recorded for the audit trail' };
  const flow = { amount: usd('100.00'), valueDate: '2019-06-03' };
  const list: Omit<ProjectCommand, 'context'>[] = [
    { type: 'AmendDraft', data: { year: 2020 }, policy },
    { type: 'RecordGovernmentEndorsement', data: { state: 'KG', endorsedOn: '2019-06-01', authority: 'Cabinet of Ministers' } },
    { type: 'SubmitProject', data: {} },
    { type: 'EndorseProject', data: {} },
    { type: 'ApproveProject', data: {} },
    { type: 'RetainProject', data: {} },
    { type: 'RejectProject', data: {}, ...why },
    { type: 'ReturnProject', data: {}, ...why },
    { type: 'RecordFocalPoint', data: { name: 'Aizada Toktosunova', organisation: 'Ministry of Labour' } },
    { type: 'StartImplementation', data: {} },
    { type: 'SuspendProject', data: {}, ...why },
    { type: 'ResumeProject', data: {} },
    { type: 'CompleteProject', data: { actualEndDate: '2020-03-31' } },
    { type: 'CloseProject', data: {} },
    { type: 'CancelProject', data: {}, ...why },
    { type: 'RequestBudgetRevision', data: { requestId: 'rev-9', budget: { staffAndOfficeCosts: usd('9000.00'), operationalCosts: usd('30000.00') } }, policy, ...why },
    { type: 'ApproveBudgetRevision', data: { requestId: 'rev-1' }, policy },
    { type: 'RejectBudgetRevision', data: { requestId: 'rev-1' }, ...why },
    { type: 'RequestNoCostExtension', data: { requestId: 'ext-9', newEndDate: '2020-09-30' }, ...why },
    { type: 'ApproveNoCostExtension', data: { requestId: 'ext-1' } },
    { type: 'RejectNoCostExtension', data: { requestId: 'ext-1' }, ...why },
    { type: 'SubmitReport', data: { reportId: 'rep-9', kind: 'interim' } },
    { type: 'SubmitReport', data: { reportId: 'rep-9', kind: 'final-narrative' } },
    { type: 'SubmitReport', data: { reportId: 'rep-9', kind: 'final-financial' } },
    { type: 'AcceptReport', data: { reportId: 'rep-1' } },
    { type: 'RejectReport', data: { reportId: 'rep-1' }, ...why },
    { type: 'RecordDisbursement', data: { transactionId: 't-9', ...flow } },
    { type: 'RecordExpenditure', data: { transactionId: 't-9', ...flow } },
    { type: 'RecordRefund', data: { transactionId: 't-8', ...flow, amount: usd('1.00') } },
    { type: 'CorrectTransaction', data: { transactionId: 't-1', correctedAmount: usd('90.00') }, ...why },
  ] as Omit<ProjectCommand, 'context'>[];
  return list.map((command) => ({ ...command, key: keyOfCommand(command) }) as Omit<ProjectCommand, 'context'> & { key: string });
}

/** The command and what it names, as the card names it. */
function keyOfCommand(command: Omit<ProjectCommand, 'context'>): string {
  const data = command.data as Record<string, unknown>;
  const named: Partial<Record<ProjectCommand['type'], string>> = {
    ApproveBudgetRevision: 'requestId',
    RejectBudgetRevision: 'requestId',
    ApproveNoCostExtension: 'requestId',
    RejectNoCostExtension: 'requestId',
    AcceptReport: 'reportId',
    RejectReport: 'reportId',
    CorrectTransaction: 'transactionId',
    SubmitReport: 'kind',
  };
  const field = named[command.type];
  return field === undefined ? command.type : `${command.type} ${String(data[field])}`;
}

function keyOfAvailable(available: AvailableCommand): string {
  const id = available.requestId ?? available.reportId ?? available.transactionId ?? available.reportKind;
  return id === undefined ? available.command : `${available.command} ${id}`;
}

/**
 * When the commands are sent: on the day of the project's latest step at the earliest, as a
 * command dated before it is refused for its date (ADR 0019); the card is asked that day too.
 */
function sentAt(project: Project): string {
  const latest = project.latestStep?.effectiveOn;
  return latest !== undefined && latest > AT.now.slice(0, 10) ? `${latest}T12:00:00.000Z` : AT.now;
}

/** What the service does with the command: the door's role check, then the decider. */
function accepted(command: Omit<ProjectCommand, 'context'>, caller: Caller, project: Project): boolean {
  const role = COMMAND_ROLES[command.type]!.find((allowed) => caller.roles.includes(allowed));
  if (role === undefined) return false;
  try {
    decideProject({ ...command, context: { actor: { id: caller.id, role }, at: sentAt(project) } } as ProjectCommand, project);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

describe('the commands a caller may send now', () => {
  const cases = situations().flatMap(([situation, history]) =>
    Object.entries(CALLERS).map(([who, caller]) => [situation, who, history, caller] as const),
  );

  it.each(cases)('%s, for the %s: offers exactly the commands the service accepts', (_, __, history, caller) => {
    const project = fold(history);
    const offered = availableCommands(project, caller, sentAt(project).slice(0, 10)).map(keyOfAvailable).sort();
    const acceptedKeys = everyCommand()
      .filter((command) => accepted(command, caller, project))
      .map((command) => command.key)
      .sort();
    expect(offered).toEqual(acceptedKeys);
  });

  it('covers every status for every role', () => {
    const covered = new Set(cases.flatMap(([, , history, caller]) => caller.roles.map((role) => `${fold(history).status} ${role}`)));
    expect(covered.size).toBe(PROJECT_STATUSES.length * ROLES.length);
  });

  it("offers a revision or an extension request up to rule 10's deadline, judged on the given day", () => {
    const project = fold(historyTo('active'));
    const requests = (today?: string) =>
      availableCommands(project, CALLERS['drafter']!, today)
        .map((available) => available.command)
        .filter((command) => command === 'RequestBudgetRevision' || command === 'RequestNoCostExtension');
    // The end date is 2020-03-31: the last day to ask is 2020-02-29.
    expect(requests('2020-02-29')).toEqual(['RequestBudgetRevision', 'RequestNoCostExtension']);
    expect(requests('2020-03-01')).toEqual([]);
    expect(requests(undefined)).toEqual(['RequestBudgetRevision', 'RequestNoCostExtension']);
  });

  it('offers the second approver the endorsement, and not the drafter who is also an approver', () => {
    const proposal = fold(historyTo('submitted'));
    expect(availableCommands(proposal, CALLERS['second approver']!).map((c) => c.command)).toEqual(['EndorseProject', 'RejectProject', 'ReturnProject']);
    expect(availableCommands(proposal, CALLERS['drafter who is also an approver']!).map((c) => c.command)).toEqual([
      'RejectProject',
      'ReturnProject',
      'RecordFocalPoint',
    ]);
  });

  it('names the request and the report a decision is about', () => {
    const project = fold([...historyTo('active'), revisionRequested('rev-1', REVISED), reportSubmitted('rep-1', 'interim', SUBMITTER)]);
    expect(availableCommands(project, CALLERS['second approver']!)).toEqual(
      expect.arrayContaining([
        { command: 'ApproveBudgetRevision', requestId: 'rev-1' },
        { command: 'RejectBudgetRevision', requestId: 'rev-1' },
        { command: 'AcceptReport', reportId: 'rep-1' },
        { command: 'RejectReport', reportId: 'rep-1' },
      ]),
    );
    expect(availableCommands(project, CALLERS['drafter who is also an approver']!).map(keyOfAvailable)).toContain('AcceptReport rep-1');
    expect(availableCommands(project, { id: SUBMITTER, roles: ['approver'] }).map(keyOfAvailable)).not.toContain('AcceptReport rep-1');
  });
});

describe('why a command would be refused', () => {
  const proposal = fold(historyTo('submitted'));
  const preparers = [
    { id: DRAFTER, did: 'drafted the project' },
    { id: SUBMITTER, did: 'submitted the project' },
  ];

  it('says which roles may send it when none of the caller’s may', () => {
    expect(commandRefusal('EndorseProject', CALLERS['drafter']!, { status: 'submitted', participants: preparers })).toEqual({
      reason: 'role',
      allowedRoles: ['approver'],
    });
  });

  it('gives the four-eyes refusal the command itself would give, word for word', () => {
    const refusal = commandRefusal('EndorseProject', { id: SUBMITTER, roles: ['approver'] }, { status: 'submitted', participants: preparers });
    let thrown: unknown;
    try {
      decideProject({ type: 'EndorseProject', data: {}, context: { actor: { id: SUBMITTER, role: 'approver' }, at: AT.now } }, proposal);
    } catch (error) {
      thrown = error;
    }
    expect(refusal).toEqual({ reason: 'rule', error: thrown });
    expect((thrown as DomainError).code).toBe('approval.four-eyes');
  });

  it('refuses by the lifecycle before four eyes', () => {
    const refusal = commandRefusal('ApproveProject', { id: DRAFTER, roles: ['approver'] }, { status: 'submitted', participants: preparers });
    expect(refusal).toMatchObject({ reason: 'rule', error: { code: 'transition.not-allowed' } });
  });

  it('lets another approver decide', () => {
    expect(commandRefusal('ApproveProject', { id: SECOND_APPROVER, roles: ['approver'] }, { status: 'retained', participants: preparers })).toBeUndefined();
  });

  it.each(ROLES.filter((role) => role !== 'approver'))('refuses every decision to a %s', (role: Role) => {
    for (const command of ['EndorseProject', 'ApproveProject', 'ApproveBudgetRevision', 'ApproveNoCostExtension', 'AcceptReport'] as const) {
      expect(commandRefusal(command, { id: 'someone', roles: [role] }, { status: 'active', participants: [] })).toMatchObject({ reason: 'role' });
    }
  });
});
