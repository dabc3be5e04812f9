import { DomainError } from '../../shared/domain-error.js';

/** Long enough for a paragraph of justification, short enough to show in an audit trail. */
export const REASON_MAX_LENGTH = 2000;

/**
 * Rule 13: rejecting, returning, cancelling, suspending, every correction and every change
 * request need a reason — the auditor must be able to read why. Returns it trimmed.
 */
export function requireReason(reason: unknown, action: string): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  if (trimmed === '') {
    throw new DomainError('reason.required', `${action} needs a reason`, 'invalid', [
      { field: 'reason', message: 'must not be blank' },
    ]);
  }
  return withinLength(trimmed, action);
}

/**
 * Any other command may carry a reason; it is kept when it says something. It obeys the
 * same length limit, so a reason is never silently cut.
 */
export function optionalReason(reason: unknown, action: string): string | undefined {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  return trimmed === '' ? undefined : withinLength(trimmed, action);
}

function withinLength(reason: string, action: string): string {
  if ([...reason].length > REASON_MAX_LENGTH) {
    throw new DomainError(
      'reason.required',
      `the reason for ${action} must be at most ${REASON_MAX_LENGTH} characters`,
      'invalid',
      [{ field: 'reason', message: `at most ${REASON_MAX_LENGTH} characters` }],
    );
  }
  return reason;
}
