export {
  DEFAULT_DATABASE_URL,
  createTemporaryDatabase,
  testServerUrl,
  withTemporaryDatabase,
  type TemporaryDatabase,
} from './postgres-database.js';
export { ServerProxy } from './server-proxy.js';
