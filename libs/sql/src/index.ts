export type { SqlClient, SqlQueryable, SqlTransaction } from './sql-client.js';
export { SqlError, SqlState, SqlUnavailableError, fromDriverError, isUniqueViolation } from './sql-error.js';
export { SqlParameters } from './sql-parameters.js';
export { PgliteClient, type PgliteOpenOptions } from './pglite-client.js';
export { PgliteWorkerClient } from './pglite-worker-client.js';
export { PgClient, type PgConnectOptions } from './pg-client.js';
export { migrate, type Migration } from './migrations.js';
export { ANALYSE_SCHEDULE, TableStatistics, type AnalyseSchedule } from './table-statistics.js';
