// The fund side's public surface. The validation helpers in fund-command.ts stay internal.
export * from './fund-policy.js';
export type { FundCommand } from './fund-command.js';
export * from './roles.js';
export * from './envelope/index.js';
export * from './contribution/index.js';
export * from './code-list/index.js';
export * from './prima-registry/index.js';
export { isFundingLine } from './fund-command.js';
