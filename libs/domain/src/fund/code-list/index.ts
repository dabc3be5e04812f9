export * from './default-code-lists.js';
export * from './code-list-messages.js';
export * from './code-list-decider.js';
