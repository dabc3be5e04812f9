/** DI token of the EventStore port; the adapter behind it depends on the profile. */
export const EVENT_STORE = Symbol('EventStore');
