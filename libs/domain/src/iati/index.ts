export * from './budget-periods.js';
export * from './dac-codes.js';
export * from './iati-activity.js';
export * from './recipient-percentages.js';
