/** DI token of the EventStore port; the adapter behind it depends on the profile. */
export const EVENT_STORE = Symbol('EventStore');
/** DI token of the ReadStore port (views and their checkpoints). */
export const READ_STORE = Symbol('ReadStore');
/** The SQL client of the embedded profile (shared by the event store and the read store). */
export const SQL_CLIENT = Symbol('SqlClient');
/** A Subject<void> that emits after every successful append in this process. */
export const APPENDED = Symbol('Appended');
