export * from './commands.js';
export * from './proposal.js';
export * from './state.js';
export * from './events.js';
export * from './project-decider.js';
export { decideProject } from './decide.js';
export { evolveProject } from './evolve.js';
export { acceptProposal } from './accept-proposal.js';
export { ALLOWED_FROM, REPORT_ALLOWED_FROM, allowedFrom, transitionRefusal, type ProjectCommandType } from './transitions.js';
export { availableCommands, commandRefusal, type AvailableCommand, type Caller, type CommandRefusal, type CommandTarget } from './available-commands.js';
export { waitingDecisions, WAITING_KINDS, type WaitingDecision, type WaitingKind, type DecisionAwaited } from './waiting-decisions.js';
export { fourEyesRefusal, isFourEyesDecision, FOUR_EYES_DECISIONS, type FourEyesDecision, type Participant } from './rules/four-eyes.js';
export * from './iati-status.js';
export * from './budget-warnings.js';
export {
  proposalShapeErrors,
  isProjectId,
  PROJECT_ID_PATTERN,
  PRIMA_ID_PATTERN,
  TITLE_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
} from './rules/proposal-shape.js';
export { STAFF_AND_OFFICE_COSTS_MAX_PERCENT } from './rules/staff-costs.js';
export { endorsementsNeeded, endorsedStates } from './rules/endorsements.js';
export { requestDeadline } from './rules/request-deadline.js';
export { lastsTwelveMonthsOrMore, closureReportsRequired, missingClosureReports } from './rules/closure-reports.js';
export { releasedOnEnd } from './rules/release.js';
export { unspentBalance } from './rules/unspent-balance.js';
export { REASON_MAX_LENGTH } from './rules/reason.js';
export * from './imported-record.js';
export { committedOnImport } from './rules/imported-money.js';
