/** The roles a person can hold. Each command states which roles may send it. */
export const ROLES = ['fund-manager', 'approver', 'finance-officer', 'auditor', 'donor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who sends a command, in which role. */
export interface Actor {
  id: string;
  role: Role;
}

/**
 * What every command carries besides its own data: who sends it and when. Time comes in
 * with the command because the domain has no clock (calendar/business-date.ts, ADR 0019).
 */
export interface CommandContext {
  actor: Actor;
  /** ISO 8601 UTC instant the command is handled, and recorded, at. */
  at: string;
  /** The fund's calendar date at `at`, in its time zone; absent: the UTC date of `at`. */
  today?: string;
  /** The business date (YYYY-MM-DD) the sender says the command happened on; absent: `today`. */
  effectiveOn?: string;
}
