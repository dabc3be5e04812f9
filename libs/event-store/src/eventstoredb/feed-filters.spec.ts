import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import { exactlyOneOf, feedFilterKey, SEARCH_WINDOW, toServerFilter } from './feed-filters.js';

describe('the server-side filter of the $all subscription', () => {
  it('filters on stream names by the port’s prefixes when there are some (the projector’s case)', () => {
    const filter = toServerFilter({ streamPrefixes: ['project-', 'envelope-'], eventTypes: ['ProjectCreated'] });
    expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['project-', 'envelope-'], maxSearchWindow: SEARCH_WINDOW });
  });

  it('filters on exactly the port’s event types when it gives no prefixes', () => {
    const filter = toServerFilter({ eventTypes: ['ProjectCreated', 'Funds.Reserved'] });
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:ProjectCreated|Funds\\.Reserved)$' });
  });

  it('leaves out EventStoreDB’s own events when the port gives no filter', () => {
    expect(toServerFilter(undefined)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
  });

  it('passes the checkpoint callback to the client, called at every window of events scanned', () => {
    const checkpointReached = (): void => undefined;
    expect(toServerFilter(undefined, checkpointReached)).toMatchObject({ checkpointInterval: 1, checkpointReached });
  });

  it('matches whole event types only, with regex characters taken literally', () => {
    const regex = new RegExp(exactlyOneOf(['A.B', 'C+', 'ProjectCreated']));
    expect(['A.B', 'C+', 'ProjectCreated'].map((type) => regex.test(type))).toEqual([true, true, true]);
    expect(['AxB', 'CC', 'ProjectCreatedLater', 'OldProjectCreated'].map((type) => regex.test(type))).toEqual([false, false, false, false]);
  });

  it('gives one key per filter whatever the order of its lists, and tells lists apart', () => {
    expect(feedFilterKey({ streamPrefixes: ['b-', 'a-'] })).toBe(feedFilterKey({ streamPrefixes: ['a-', 'b-'] }));
    expect(feedFilterKey({ streamPrefixes: ['a-'] })).not.toBe(feedFilterKey({ eventTypes: ['a-'] }));
    expect(feedFilterKey(undefined)).toBe(feedFilterKey({}));
    expect(feedFilterKey(undefined)).not.toBe(feedFilterKey({ streamPrefixes: ['a-'] }));
  });
});
