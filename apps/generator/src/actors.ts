import type { Role } from '#domain';

/**
 * The people of the generated fund. Each command is sent by the person whose job it is,
 * so the four-eyes rule holds the way it does in the fund: fund managers draft and run
 * projects, one approver endorses and another approves, finance officers move the money.
 */
export const ACTORS = {
  ada: ['admin'],
  fatima: ['fund-manager'],
  amina: ['fund-manager'],
  nino: ['fund-manager'],
  carlos: ['fund-manager'],
  oleg: ['fund-manager'],
  arturo: ['approver'],
  bintou: ['approver'],
  mei: ['approver'],
  farid: ['finance-officer'],
  ingrid: ['finance-officer'],
  aurelia: ['auditor'],
  dmitri: ['donor'],
} as const satisfies Record<string, readonly Role[]>;

export type ActorName = keyof typeof ACTORS;

export const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

/** Who runs the projects of each region. */
export const FUND_MANAGER_OF_REGION: Readonly<Record<string, ActorName>> = {
  'asia-and-oceania': 'fatima',
  africa: 'amina',
  europe: 'nino',
  'latin-america-and-the-caribbean': 'carlos',
  global: 'oleg',
};

export const APPROVERS: readonly ActorName[] = ['arturo', 'bintou', 'mei'];
export const FINANCE_OFFICERS: readonly ActorName[] = ['farid', 'ingrid'];
