export * from './iso-3166.js';
