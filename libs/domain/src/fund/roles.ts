import type { Role } from '../shared/actor.js';
import type { ProjectCommand } from '../project/commands.js';
import type { EnvelopeCommand } from './envelope/envelope-commands.js';
import type { ContributionCommand } from './contribution/contribution-commands.js';
import type { CodeListCommand } from './code-list/code-list-messages.js';
import type { PrimaRegistryCommand } from './prima-registry/prima-registry-messages.js';

type CommandType = (
  | ProjectCommand
  | EnvelopeCommand
  | ContributionCommand
  | CodeListCommand
  | PrimaRegistryCommand
)['type'];

/**
 * Commands no person sends: the application sends them on behalf of another command
 * (ApproveProject reserves funds, DraftProject claims its PRIMA id, …), under that
 * command's actor. An HTTP request naming one is refused.
 */
const INTERNAL = [
  'ReserveFunds',
  'ReleaseFunds',
  'ClaimPrimaId',
  'ReleasePrimaId',
] as const satisfies readonly CommandType[];
export const INTERNAL_COMMANDS: ReadonlySet<string> = new Set<string>(INTERNAL);

const FUND_MANAGER = ['fund-manager'] as const;
const APPROVER = ['approver'] as const;
const ADMIN = ['admin'] as const;
/** Money that has moved is recorded by those who move it or run the projects. */
const TRANSACTIONS = ['fund-manager', 'finance-officer'] as const;
const CONTRIBUTIONS = ['finance-officer', 'admin'] as const;

/**
 * Which roles may send each command; the application checks it before deciding. Auditors
 * and donors only read. `satisfies` makes a new command that is left out a compile error.
 * Who may act on *this* project (four eyes, rule 6) is the deciders' concern, not this table's.
 */
export const COMMAND_ROLES: Readonly<Record<string, readonly Role[]>> = {
  DraftProject: FUND_MANAGER,
  AmendDraft: FUND_MANAGER,
  RecordGovernmentEndorsement: FUND_MANAGER,
  SubmitProject: FUND_MANAGER,
  RecordFocalPoint: FUND_MANAGER,
  StartImplementation: FUND_MANAGER,
  CompleteProject: FUND_MANAGER,
  RequestBudgetRevision: FUND_MANAGER,
  RequestNoCostExtension: FUND_MANAGER,
  SubmitReport: FUND_MANAGER,

  EndorseProject: APPROVER,
  ApproveProject: APPROVER,
  RetainProject: APPROVER,
  RejectProject: APPROVER,
  ReturnProject: APPROVER,
  SuspendProject: APPROVER,
  ResumeProject: APPROVER,
  CancelProject: APPROVER,
  CloseProject: APPROVER,
  ApproveBudgetRevision: APPROVER,
  RejectBudgetRevision: APPROVER,
  ApproveNoCostExtension: APPROVER,
  RejectNoCostExtension: APPROVER,
  AcceptReport: APPROVER,
  RejectReport: APPROVER,

  RecordDisbursement: TRANSACTIONS,
  RecordExpenditure: TRANSACTIONS,
  CorrectTransaction: TRANSACTIONS,
  // Money returned is booked by finance alone, who sees it arrive in the fund's account.
  RecordRefund: ['finance-officer'],

  PledgeContribution: CONTRIBUTIONS,
  RecordContributionReceipt: CONTRIBUTIONS,

  OpenEnvelope: ADMIN,
  AdjustEnvelope: ADMIN,
  AddCodeListEntry: ADMIN,
  // Bringing in the existing portfolio is an admin's set-up task, like opening envelopes.
  ImportProject: ADMIN,
} satisfies Record<Exclude<CommandType, (typeof INTERNAL)[number]>, readonly Role[]>;

/** Whether a person in `role` may send `commandType`; false for internal and unknown commands. */
export function mayActorSend(commandType: string, role: Role): boolean {
  return Object.hasOwn(COMMAND_ROLES, commandType) && COMMAND_ROLES[commandType]!.includes(role);
}
