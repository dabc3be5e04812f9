import type { Projection } from '../projection.js';
import { approvalQueueProjection } from './approval-queue/approval-queue-projection.js';
import { auditTrailProjection } from './audit-trail/audit-trail-projection.js';
import { contributionsProjection } from './contributions/contributions-projection.js';
import { envelopesProjection } from './envelopes/envelopes-projection.js';
import { portfolioProjection } from './portfolio/portfolio-projection.js';
import { workflowsProjection } from './workflows/workflows-projection.js';

/** Every projection the service keeps; each writes its own collections only. */
export const ALL_PROJECTIONS: readonly Projection[] = Object.freeze([
  portfolioProjection,
  envelopesProjection,
  contributionsProjection,
  auditTrailProjection,
  workflowsProjection,
  approvalQueueProjection,
]);

/** The projection with this name, or undefined (e.g. a mistyped name in a rebuild request). */
export function projectionNamed(name: string): Projection | undefined {
  return ALL_PROJECTIONS.find((projection) => projection.name === name);
}
