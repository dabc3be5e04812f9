import { amountSchemaAt, atTheEdge, effectiveOnOf } from '#domain';
import type { ViewDocument } from '../../projection.js';
import type { AuditEntryDocument } from './audit-trail-projection.js';
import { AUDIT_SUBJECT_KINDS } from './audit-subjects.js';
import type { FieldChange } from './state-changes.js';

/**
 * An audit entry as the API shows it: the before → after of money in USD decimal strings and
 * of shares in percent. The trail keeps them as the states hold them (cents, basis points)
 * and they are written when answered, so no stored entry changes and no rebuild is needed;
 * an answer is formatted once and kept (the view cache).
 */
export function auditEntryAtTheEdge(stored: ViewDocument): ViewDocument {
  // An entry written before business dates has the date of its instant (ADR 0019): no rebuild needed.
  const entry = typeof stored['effectiveOn'] === 'string' ? stored : { ...stored, effectiveOn: effectiveOnOf({ at: stored['recordedAt'] }) };
  const kind = AUDIT_SUBJECT_KINDS.find((candidate) => candidate.type === entry['subjectType']);
  const changes = entry['changes'];
  if (kind === undefined || !Array.isArray(changes)) return entry;
  return {
    ...entry,
    changes: (changes as AuditEntryDocument['changes']).map((change): FieldChange => {
      const schema = amountSchemaAt(kind.amounts, change.field);
      return schema === undefined ? change : { field: change.field, before: atTheEdge(change.before, schema), after: atTheEdge(change.after, schema) };
    }),
  };
}
