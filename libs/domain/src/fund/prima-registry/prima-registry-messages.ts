import type { FundCommand } from '../fund-command.js';

/** Internal: sent by the application before it records DraftProject (or a PRIMA id change). */
export type ClaimPrimaId = FundCommand<'ClaimPrimaId', { primaId: string; projectId: string }>;
/** Internal: compensates a claim whose draft then failed; needs a reason for the audit trail. */
export type ReleasePrimaId = FundCommand<'ReleasePrimaId', { projectId: string }>;
export type PrimaRegistryCommand = ClaimPrimaId | ReleasePrimaId;

export interface PrimaIdClaimed {
  type: 'PrimaIdClaimed';
  data: { primaId: string; projectId: string; at: string; effectiveOn?: string };
}
export interface PrimaIdReleased {
  type: 'PrimaIdReleased';
  data: { primaId: string; projectId: string; reason: string; at: string; effectiveOn?: string };
}
export type PrimaRegistryEvent = PrimaIdClaimed | PrimaIdReleased;

/**
 * Rule 14: one stream per PRIMA id, so two drafts with the same id contend for the same
 * stream and the expected revision lets only one win. The key is trimmed and upper-cased so
 * that "kg10p0501" cannot slip past "KG10P0501" into a second stream.
 */
export function primaIdStreamId(primaId: string): string {
  return `prima-id-${primaId.trim().toUpperCase()}`;
}
