export * from './contribution-commands.js';
export * from './contribution-events.js';
export * from './contribution-decider.js';
