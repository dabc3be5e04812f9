import { businessDateOf } from '../../calendar/business-date.js';
import { isClientId } from '../../shared/client-id.js';
import { DomainError } from '../../shared/domain-error.js';
import type { ProjectCommand } from '../commands.js';
import { optionalReason, requireReason } from '../rules/reason.js';

/** Who sends the command; recorded in the event as `<verb>By`. */
export function actorOf(command: ProjectCommand): string {
  return command.context.actor.id;
}

/**
 * What every event carries from its command: the instant it is recorded at, its business
 * date (ADR 0019), and a reason if one was given.
 */
export function stampOf(command: ProjectCommand, action: string): { at: string; effectiveOn: string; reason?: string } {
  const reason = optionalReason(command.reason, action);
  return { at: command.context.at, effectiveOn: businessDateOf(command.context), ...(reason === undefined ? {} : { reason }) };
}

/** The same, for the commands that rule 13 makes give a reason. */
export function stampWithReason(command: ProjectCommand, action: string): { at: string; effectiveOn: string; reason: string } {
  return { at: command.context.at, effectiveOn: businessDateOf(command.context), reason: requireReason(command.reason, action) };
}

/**
 * Ids of things inside a project (transactions, reports, change requests) are chosen by
 * the client, which makes a retried command recognisable; which characters they may hold
 * is the one rule of client-chosen ids (shared/client-id.ts).
 */
export function isLocalId(value: unknown): value is string {
  return isClientId(value);
}

/** Optional free text: kept trimmed when it says something, omitted otherwise. */
export function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function invalid(code: string, errors: { field: string; message: string }[]): DomainError {
  return new DomainError(code, errors.map((e) => `${e.field} ${e.message}`).join('; '), 'invalid', errors);
}
