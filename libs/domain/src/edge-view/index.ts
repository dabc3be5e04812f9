// Money and shares as the API writes them: one schema per event type and per state.
export * from './amount-schema.js';
export * from './event-amounts.js';
export * from './state-amounts.js';
