/** DI token of the EventStore port; the adapter behind it depends on the profile. */
export const EVENT_STORE = Symbol('EventStore');
/** DI token of the ReadStore port (views and their checkpoints). */
export const READ_STORE = Symbol('ReadStore');
/** The opened stores of this process (closed at shutdown). */
export const STORAGE = Symbol('Storage');
/** A Subject<void> that emits after every successful append in this process. */
export const APPENDED = Symbol('Appended');
/** The process's validated configuration. */
export const APP_CONFIG = Symbol('AppConfig');
/** The process's Prometheus registry (prom-client), served on METRICS_PORT. */
export const METRICS_REGISTRY = Symbol('MetricsRegistry');
/** DI token of the StoreAudit (verification's reads); undefined on EventStoreDB. */
export const STORE_AUDIT = Symbol('StoreAudit');
