export * from './app-config.js';
export * from './open-storage.js';
export * from './process-metrics.js';
export * from './data-dir-permissions.js';
