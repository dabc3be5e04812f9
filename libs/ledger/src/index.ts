export * from './command-metadata.js';
export * from './event-sourced-repository.js';
export * from './hash-chain.js';
export * from './idempotency-keys.js';
export * from './fund/fund-commands.js';
export * from './fund/fund-policy-source.js';
export * from './projects/project-commands.js';
export * from './fault-points.js';
