export * from './append-metrics.js';
export * from './metrics-registry.js';
export * from './metrics-server.js';
export * from './projection-lag-metrics.js';
