import { formatUsd } from '#domain';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { deliveryRate, publicProjectCard, type ViewDocument } from '#read-models';

const MONEY_FIELDS = ['budget', 'staffAndOfficeCosts', 'operationalCosts', 'committed', 'disbursed', 'spent'] as const;

/** Who is reading decides what a project document shows: donors see public fields only. */
export type Audience = 'public' | 'staff';

export function audienceOf(request: AuthenticatedRequest): Audience {
  return request.actor.role === 'donor' ? 'public' : 'staff';
}

/** A project document as the API shows it: money as USD strings, the delivery rate added. */
export function projectView(doc: ViewDocument, audience: Audience): Record<string, unknown> {
  const visible: Record<string, unknown> = audience === 'public' ? publicProjectCard(doc) : { ...doc };
  delete visible._state;
  delete visible.searchText;
  for (const field of MONEY_FIELDS) {
    if (typeof visible[field] === 'number') visible[field] = formatUsd(visible[field] as number);
  }
  if (Array.isArray(visible.splits)) {
    visible.splits = (visible.splits as Record<string, unknown>[]).map((split) => formatMoney(split));
  }
  if (Array.isArray(visible.transactionsPublic)) {
    visible.transactionsPublic = (visible.transactionsPublic as Record<string, unknown>[]).map((t) => formatMoney(t));
  }
  visible.deliveryRate = deliveryRate(doc.spent as number, doc.disbursed as number);
  return visible;
}

function formatMoney(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, typeof value === 'number' && key !== 'share' ? formatUsd(value) : value]),
  );
}
