export * from './workflow-decider.js';
