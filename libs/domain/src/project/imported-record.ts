import type { Cents } from '../shared/money.js';
import { PROPOSAL_KEYS, type Proposal } from './proposal.js';
import type { ProjectStatus } from './state.js';

/**
 * The statuses a project can be imported at. The pipeline (draft, submitted, endorsed,
 * retained) is refused: a proposal still under review belongs in the service's own review
 * (endorsements, four eyes), and an imported one would sit in the approval queue with no
 * history of who asked. Rejected is history like the others and holds no money.
 */
export const IMPORTABLE_STATUSES = ['approved', 'active', 'suspended', 'completed', 'closed', 'cancelled', 'rejected'] as const;
export type ImportableStatus = (typeof IMPORTABLE_STATUSES)[number];

export function isImportableStatus(status: ProjectStatus): status is ImportableStatus {
  return (IMPORTABLE_STATUSES as readonly string[]).includes(status);
}

/** Where a row came from: the file's name and sha256, and the line the row starts on (1-based). */
export interface ImportSource {
  fileName: string;
  sha256: string;
  line: number;
}

/**
 * A project as one row of the fund's published list says it stands: the proposal (shares
 * resolved, total computed), its status, actual dates and the money that flowed.
 * `committed` is derived by rule (imported-money.ts), never read from the file.
 */
export interface ImportedFields extends Proposal {
  status: ImportableStatus;
  /** YYYY-MM-DD */
  actualStartDate?: string;
  /** YYYY-MM-DD */
  actualEndDate?: string;
  committed: Cents;
  disbursed: Cents;
  spent: Cents;
  /**
   * False when the list gave only a total: the whole total is then recorded as operational
   * costs, and a budget revision may give the real breakdown later.
   */
  breakdownGiven: boolean;
}

export const IMPORTED_FIELD_KEYS = [
  // The proposal as the list states it, then what the list says happened to it.
  ...PROPOSAL_KEYS,
  'status',
  'actualStartDate',
  'actualEndDate',
  'committed',
  'disbursed',
  'spent',
  'breakdownGiven',
] as const satisfies readonly (keyof ImportedFields)[];

/** What the project keeps about its import: who, from where, and what the list last said. */
export interface ImportedProvenance {
  importedBy: string;
  source: ImportSource;
  /** As the last import or import correction recorded them: what a re-import is compared with. */
  fields: ImportedFields;
  /**
   * True once anything was recorded in the service after the import (a disbursement, a
   * closure…): a changed row can then no longer be applied as a plain correction.
   */
  changedInService: boolean;
}
