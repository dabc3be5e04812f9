export * from './app-config.js';
export * from './open-storage.js';
export * from './logger.js';
export * from './metrics/index.js';
export * from './data-dir-permissions.js';
export * from './anchors/anchor-directory.js';
