export { ALL_PROJECTIONS, projectionNamed } from './all-projections.js';
export { foldViews, type FoldedViews } from './fold-views.js';
export { deliveryRate } from './delivery-rate.js';
export { PORTFOLIO, PROJECTS, portfolioProjection } from './portfolio/portfolio-projection.js';
export { PROJECT_DOCUMENT_AMOUNTS } from './portfolio/project-document-amounts.js';
export { GLOBAL_STATE_GROUP, stateGroupOf } from './portfolio/state-groups.js';
export type {
  AwaitedDecision,
  ProjectDocument,
  ProjectInternals,
  ProjectSplit,
  PublicTransaction,
} from './portfolio/project-document.js';
export { normalizedForSearch } from '../search-normalization.js';
export {
  PUBLIC_PROJECT_FIELDS,
  PUBLICLY_LISTED_STATUSES,
  publicProjectCard,
  type PublicProjectCard,
} from './portfolio/public-project-card.js';
export { ENVELOPES, envelopesProjection, type EnvelopeDocument } from './envelopes/envelopes-projection.js';
export {
  CONTRIBUTIONS,
  contributionsProjection,
  type ContributionDocument,
  type ContributionReceipt,
} from './contributions/contributions-projection.js';
export {
  attributeDonorReceipts,
  type Attribution,
  type CommittedProject,
  type DonorReceipts,
  type EnvelopeFunding,
} from './contributions/donor-attribution.js';
export {
  AUDIT_ENTRIES,
  AUDIT_SUBJECTS,
  auditTrailProjection,
  type AuditEntryDocument,
  type AuditSubjectDocument,
} from './audit-trail/audit-trail-projection.js';
export type { AuditSubjectType } from './audit-trail/audit-subjects.js';
export { auditEntryAtTheEdge } from './audit-trail/audit-entry-at-the-edge.js';
export type { FieldChange } from './audit-trail/state-changes.js';
export { WORKFLOWS, workflowsProjection, type WorkflowDocument } from './workflows/workflows-projection.js';
export { openWorkflowsIn, pendingRepairsOf } from './workflows/open-workflows.js';
export {
  APPROVAL_QUEUE,
  QUEUE_PROJECTS,
  WAITING_ITEMS,
  approvalQueueProjection,
  type WaitingItemDocument,
} from './approval-queue/approval-queue-projection.js';
