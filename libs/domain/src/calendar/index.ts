export * from './calendar-date.js';
export * from './business-date.js';
