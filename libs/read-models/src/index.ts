export * from './projection.js';
export * from './read-store.port.js';
export * from './projector/apply-batch.js';
export * from './projector/projection-runner.js';
export * from './projector/projector.js';
