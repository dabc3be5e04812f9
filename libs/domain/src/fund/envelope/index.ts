export * from './envelope-commands.js';
export * from './envelope-events.js';
export * from './envelope-decider.js';
