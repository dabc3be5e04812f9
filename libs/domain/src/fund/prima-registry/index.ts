export * from './prima-registry-messages.js';
export * from './prima-registry-decider.js';
