import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { asOfKey, useAsOf } from '../../api/as-of';
import { apiPath, getJson, type QueryValue } from '../../api/client';

/** The subjects whose history the trail keeps (GET /audit-trail `subjectType`). */
export const SUBJECT_TYPES = ['project', 'envelope', 'contribution', 'code-list'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** One field an event changed: before → after, as the API writes them (money in USD strings, maps whole). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One entry of GET /audit-trail: who, in which role, when (business date and recorded instant), why, what changed. */
export interface AuditEntry {
  eventId: string;
  type: string;
  streamId: string;
  subjectType: SubjectType;
  subjectId: string;
  revision: number;
  position: string;
  actorId: string;
  actorRole: string;
  effectiveOn: string;
  recordedAt: string;
  reason?: string;
  correlationId: string;
  causationId: string;
  changes: FieldChange[];
}

/** The trail's filters, under the API's names; each is also the address's parameter of the same name. */
export interface TrailFilters {
  subjectType?: string;
  subject?: string;
  project?: string;
  actor?: string;
  type?: string;
  from?: string;
  to?: string;
  correlation?: string;
}
export const TRAIL_FILTER_NAMES = ['subjectType', 'subject', 'project', 'actor', 'type', 'from', 'to', 'correlation'] as const;

export const PAGE_SIZE = 50;

/** The filters an address holds. */
export function trailFiltersOf(params: URLSearchParams): TrailFilters {
  const filters: TrailFilters = {};
  for (const name of TRAIL_FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function queryOf(filters: TrailFilters, asOf: string | undefined): Record<string, QueryValue> {
  return { ...filters, asOf };
}

/**
 * One page of the trail after `cursor`: the API pages with its own cursor, so a trail of
 * millions of events is read a page at a time and never whole.
 */
export function useAuditTrailPage(filters: TrailFilters, cursor: string | undefined, options: { enabled?: boolean } = {}) {
  const asOf = useAsOf();
  const path = apiPath('/audit-trail', { ...queryOf(filters, asOf), limit: PAGE_SIZE, cursor });
  return useQuery({
    queryKey: ['explorer', 'audit-trail', path, asOfKey(asOf)],
    queryFn: ({ signal }) => getJson<{ items: AuditEntry[]; nextCursor: string | null }>(path, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The JSON Lines download of the whole trail these filters select, as of the same instant (each line with its event and hash). */
export function auditTrailDownloadPath(filters: TrailFilters, asOf: string | undefined): string {
  return apiPath('/audit-trail', { ...queryOf(filters, asOf), format: 'jsonl' });
}

/** The envelope an approval or a budget change of a project reserves in or releases from, as the trail names it. */
export function envelopeIdOf(year: number | string, fundingLine: number | string): string {
  return `${year}-${fundingLine}`;
}
