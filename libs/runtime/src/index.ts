export * from './app-config.js';
export * from './open-storage.js';
