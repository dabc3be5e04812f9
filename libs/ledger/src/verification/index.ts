export * from './checkpoint.js';
export * from './head-digest.js';
export * from './store-verification.js';
export * from './take-checkpoint.js';
