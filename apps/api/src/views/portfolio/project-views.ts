import { atTheEdge } from '#domain';
import type { AuthenticatedRequest } from '../../auth/auth.guard.js';
import { PROJECT_DOCUMENT_AMOUNTS, deliveryRate, publicProjectCard, type ViewDocument } from '#read-models';

/** Who is reading decides what a project document shows: donors see public fields only. */
export type Audience = 'public' | 'staff';

export function audienceOf(request: AuthenticatedRequest): Audience {
  return request.actor.role === 'donor' ? 'public' : 'staff';
}

/**
 * A project document as the API shows it: money as USD strings wherever the document's
 * schema says it is money (its internals' transactions and pending revision included), the
 * delivery rate added.
 */
export function projectView(doc: ViewDocument, audience: Audience): Record<string, unknown> {
  const { _state, searchText, ...answered } = audience === 'public' ? (publicProjectCard(doc) as ViewDocument) : doc;
  const visible = atTheEdge(answered, PROJECT_DOCUMENT_AMOUNTS) as Record<string, unknown>;
  visible.deliveryRate = deliveryRate(doc.spent as number, doc.disbursed as number);
  return visible;
}
