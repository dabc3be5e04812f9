import type { ViewDocument } from '../../projection.js';
import { deliveryRate } from '../delivery-rate.js';
import type { ProjectDocument } from './project-document.js';

/**
 * The statuses in which a project is public: once the fund has committed money to it.
 * Proposals in the pipeline (draft … retained) and rejected ones are internal.
 */
export const PUBLICLY_LISTED_STATUSES = ['approved', 'active', 'suspended', 'completed', 'closed', 'cancelled'] as const;

/** The fields of a portfolio document a donor may see; anything else (and anything added later) stays hidden. */
export const PUBLIC_PROJECT_FIELDS = [
  'projectId',
  'primaId',
  'title',
  'description',
  'thematicArea',
  'coverage',
  'fundingLine',
  'region',
  'beneficiaryStates',
  'stateCodes',
  'plannedStartDate',
  'plannedEndDate',
  'currentEndDate',
  'actualStartDate',
  'actualEndDate',
  'year',
  'status',
  'iatiActivityStatus',
  'budget',
  'staffAndOfficeCosts',
  'operationalCosts',
  'committed',
  'disbursed',
  'spent',
  'refunded',
  'unspentBalance',
  'splits',
  'transactionsPublic',
  'approvedAt',
  'statusChangedAt',
  'lastEventAt',
  'revision',
] as const satisfies readonly (keyof ProjectDocument)[];

export type PublicProjectCard = Partial<Pick<ProjectDocument, (typeof PUBLIC_PROJECT_FIELDS)[number]>> & {
  /** Spent ÷ disbursed in percent ("87.50"), null before anything is disbursed. */
  deliveryRate: string | null;
};

/**
 * The donor's view of a portfolio document. An allow-list, not a deny-list: `internal`,
 * `_state`, the review queue (`awaiting…`, `draftedAt`, `submittedAt`) and `searchText` are
 * left out, and so is any field added to the document later until it is listed here.
 */
export function publicProjectCard(doc: ViewDocument): PublicProjectCard {
  const card: Record<string, unknown> = {};
  for (const field of PUBLIC_PROJECT_FIELDS) {
    if (doc[field] !== undefined) card[field] = doc[field];
  }
  const spent = doc['spent'];
  const disbursed = doc['disbursed'];
  card['deliveryRate'] = typeof spent === 'number' && typeof disbursed === 'number' ? deliveryRate(spent, disbursed) : null;
  return card as PublicProjectCard;
}
