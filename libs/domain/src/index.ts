export * from './shared/actor.js';
export * from './shared/decider.js';
export * from './shared/domain-error.js';
export * from './shared/money.js';
export * from './shared/persistent-record.js';
export * from './shared/share.js';
export * from './fund/index.js';
export * from './project/index.js';
