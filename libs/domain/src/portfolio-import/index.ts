export * from './amounts.js';
export * from './folding.js';
export * from './labels.js';
export * from './project-row.js';
export * from './source-rows.js';
