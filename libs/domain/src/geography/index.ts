export * from './iso-3166.js';
export * from './country-names.js';
