export {
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type FeedFilter,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from './event-store.port.js';
export { START, comparePositions, formatPosition, parsePosition, type GlobalPosition } from './position.js';
export { judgeRetry, type StoredEventPlace } from './idempotent-retry.js';
export {
  assertAppendable,
  assertReadAllOptions,
  assertReadStreamOptions,
  expectedRevisionHolds,
} from './store-arguments.js';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store.js';
export { EVENT_STORE_MIGRATIONS } from './sql/migrations/index.js';
export {
  EventStoreDbEventStore,
  type EventStoreDbConnectOptions,
} from './eventstoredb/esdb-event-store.js';
export type { AuditedEvent, CheckpointState, RecordedHead, SequenceRange, StoreAudit } from './store-audit.port.js';
export { SqlStoreAudit } from './sql/sql-store-audit.js';
export { appendOnlyGuardWeaknesses, grantAppendOnly } from './sql/service-role.js';
