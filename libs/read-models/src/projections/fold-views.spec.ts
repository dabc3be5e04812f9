import type { Projection, ViewDocument } from '../projection.js';
import { ALL_PROJECTIONS, projectionNamed } from './all-projections.js';
import { auditTrailProjection } from './audit-trail/audit-trail-projection.js';
import { foldViews } from './fold-views.js';
import { portfolioProjection } from './portfolio/portfolio-projection.js';
import { ProjectStory } from './testing/fund-fixtures.js';
import { TestFeed } from './testing/test-feed.js';

/** Counts events per stream, and deletes its document on 'Forgotten'. */
const counter: Projection = {
  name: 'counter',
  collections: ['counts'],
  streamPrefixes: ['a-'],
  touches: (event) => [{ collection: 'counts', key: event.streamId }],
  apply(event, current) {
    const id = `counts/${event.streamId}`;
    const count = (current.get(id)?.['count'] as number | undefined) ?? 0;
    return new Map<string, ViewDocument | null>([[id, event.type === 'Forgotten' ? null : { count: count + 1 }]]);
  },
};

describe('folding views in memory', () => {
  it('applies each event in order to the projections whose prefixes match it, and deletes what they delete', () => {
    const feed = new TestFeed();
    feed.record('a-1', [{ type: 'Happened', data: {} }, { type: 'Happened', data: {} }]);
    feed.record('b-1', [{ type: 'Happened', data: {} }]);
    feed.record('a-2', [{ type: 'Happened', data: {} }, { type: 'Forgotten', data: {} }]);

    const views = foldViews([counter], feed.events);

    expect(views).toEqual(new Map([['counts', new Map([['a-1', { count: 2 }]])]]));
  });

  it('keeps documents as a store would: through JSON, so a value a store cannot keep shows up', () => {
    const bigint: Projection = { ...counter, apply: (event) => new Map([[`counts/${event.streamId}`, { n: 1n }]]) };
    const feed = new TestFeed();
    feed.record('a-1', [{ type: 'Happened', data: {} }]);
    expect(() => foldViews([bigint], feed.events)).toThrow(TypeError);
  });

  it('folds the whole portfolio feed into every collection of every projection', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).active().disburse('D-1', 100);
    new ProjectStory(feed, 'PO.0200').draft({ primaId: 'KZ10P0001', beneficiaryStates: [{ code: 'KZ' }] });

    const views = foldViews(ALL_PROJECTIONS, feed.events);

    expect([...views.keys()].sort()).toEqual(['audit-entries', 'audit-subjects', 'contributions', 'envelopes', 'projects', 'queue-projects', 'waiting-items', 'workflows']);
    expect([...views.get('projects')!.keys()].sort()).toEqual(['PO.0143', 'PO.0200']);
    expect(views.get('audit-entries')!.size).toBe(feed.events.length);
    expect(views.get('envelopes')!.size).toBe(0);
  });

  it('gives the same views for the same feed, every time', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).active().spend('E-1', 100);
    expect(foldViews(ALL_PROJECTIONS, feed.events)).toEqual(foldViews(ALL_PROJECTIONS, feed.events));
  });
});

describe('the projections', () => {
  it('have distinct names, and each collection is written by exactly one of them', () => {
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    const collections = ALL_PROJECTIONS.flatMap((projection) => projection.collections);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(collections).size).toBe(collections.length);
    expect(names).toEqual(['portfolio', 'envelopes', 'contributions', 'audit-trail', 'workflows', 'approval-queue']);
  });

  it('are found by name', () => {
    expect(projectionNamed('portfolio')).toBe(portfolioProjection);
    expect(projectionNamed('audit-trail')).toBe(auditTrailProjection);
    expect(projectionNamed('portfolios')).toBeUndefined();
  });
});
