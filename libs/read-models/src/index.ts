export * from './projection.js';
export * from './read-store.port.js';
export * from './projector/apply-batch.js';
export * from './projector/projection-runner.js';
export * from './projector/projector.js';
export * from './projections/index.js';
export { SqlReadStore, type SqlReadStoreOptions } from './sql/sql-read-store.js';
export { READ_STORE_MIGRATIONS } from './sql/migrations/index.js';
export * from './projector/projection-lag.js';
