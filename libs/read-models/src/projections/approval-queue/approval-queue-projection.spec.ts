import type { RecordedEvent } from '#event-store';
import { people, ProjectStory, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { collectionAfter } from '../testing/views.js';
import { QUEUE_PROJECTS, WAITING_ITEMS, approvalQueueProjection, type WaitingItemDocument } from './approval-queue-projection.js';
import { foldViews } from '../fold-views.js';

const itemsAfter = (events: readonly RecordedEvent[]) =>
  [...collectionAfter(approvalQueueProjection, WAITING_ITEMS, events).entries()].sort(([a], [b]) => (a < b ? -1 : 1)) as [string, WaitingItemDocument][];
const REASON = { reason: 'The ministry asked for two more workshops' };

describe('approval queue projection', () => {
  it('keeps one document per thing waiting, keyed by project, kind and request or report', () => {
    const feed = new TestFeed();
    new ProjectStory(feed, 'PO.0001').draft({ primaId: 'KG10P0001' }).prepare().submit();
    new ProjectStory(feed, 'PO.0002').draft({ primaId: 'KG10P0002' }).prepare().submit().endorse();
    new ProjectStory(feed, 'PO.0003').draft({ primaId: 'KG10P0003' }).prepare().submit().endorse().retain();
    const active = new ProjectStory(feed, 'PO.0004').active({ primaId: 'KG10P0004' });
    active.send('RequestBudgetRevision', { requestId: 'rev-1', budget: { staffAndOfficeCosts: usd(12_000), operationalCosts: usd(30_000) } }, { ...REASON, at: '2019-06-01T09:00:00.000Z' });
    active.send('RequestNoCostExtension', { requestId: 'ext-1', newEndDate: '2020-06-30' }, { by: people.submitter, ...REASON, at: '2019-06-02T09:00:00.000Z' });
    active.send('SubmitReport', { reportId: 'int-1', kind: 'interim' }, { at: '2019-06-03T09:00:00.000Z' });

    const items = itemsAfter(feed.events);

    expect(items.map(([key]) => key)).toEqual([
      'PO.0001/endorsement',
      'PO.0002/approval',
      'PO.0003/retained',
      'PO.0004/budget-revision/rev-1',
      'PO.0004/extension/ext-1',
      'PO.0004/report/int-1',
    ]);
    const byKey = new Map(items);
    expect(byKey.get('PO.0001/endorsement')).toMatchObject({
      projectId: 'PO.0001',
      kind: 'endorsement',
      awaiting: 'endorsement',
      decision: 'EndorseProject',
      waitingSince: '2019-01-20T09:00:00.000Z',
      status: 'submitted',
      budget: usd(37_887),
      year: 2019,
      fundingLine: 1,
      region: 'asia-and-oceania',
      coverage: 'national',
      draftedBy: people.drafter.id,
      submittedBy: people.submitter.id,
      participants: [
        { id: people.drafter.id, did: 'drafted the project' },
        { id: people.submitter.id, did: 'submitted the project' },
      ],
    });
    expect(byKey.get('PO.0003/retained')).toMatchObject({ awaiting: 'approval', waitingSince: '2019-02-05T09:00:00.000Z', endorsedBy: people.approver.id });
    expect(byKey.get('PO.0004/budget-revision/rev-1')).toMatchObject({
      requestId: 'rev-1',
      requestedBy: people.drafter.id,
      requestedBudget: { staffAndOfficeCosts: usd(12_000), operationalCosts: usd(30_000), total: usd(42_000) },
      budget: usd(37_887),
      reason: REASON.reason,
      waitingSince: '2019-06-01T09:00:00.000Z',
      status: 'active',
    });
    expect(byKey.get('PO.0004/extension/ext-1')).toMatchObject({ requestedBy: people.submitter.id, currentEndDate: '2020-03-31', newEndDate: '2020-06-30' });
    expect(byKey.get('PO.0004/report/int-1')).toMatchObject({ reportId: 'int-1', reportKind: 'interim', submittedBy: people.drafter.id, awaiting: 'acceptance' });
  });

  it('takes an item out when it is decided, and moves a proposal from endorsement to approval', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).draft().prepare().submit();
    expect(itemsAfter(feed.events).map(([key]) => key)).toEqual(['PO.0143/endorsement']);
    story.endorse();
    expect(itemsAfter(feed.events).map(([key]) => key)).toEqual(['PO.0143/approval']);
    story.approve().start();
    story.send('SubmitReport', { reportId: 'int-1', kind: 'interim' });
    expect(itemsAfter(feed.events).map(([key]) => key)).toEqual(['PO.0143/report/int-1']);
    story.send('AcceptReport', { reportId: 'int-1' }, { by: people.secondApprover });
    expect(itemsAfter(feed.events)).toEqual([]);
  });

  it('follows only projects drafted here: a stream that does not start with ProjectDrafted stays out', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft().prepare().submit();
    const drafted = feed.stream('project-PO.0143');
    const copied = new TestFeed();
    // The same events on a stream whose first event the queue does not know as a beginning.
    copied.record('project-PO.0999', [{ type: 'ProjectSubmitted', data: { submittedBy: 'fm-bakyt', at: '2019-01-20T09:00:00.000Z' } }]);
    expect(foldViews([approvalQueueProjection], copied.events).get(QUEUE_PROJECTS)?.size ?? 0).toBe(0);
    expect(itemsAfter(drafted)).toHaveLength(1);
  });

  it('ignores an event it has already applied', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft().prepare().submit();
    const replayed = [...feed.events, feed.events.at(-1)!];
    expect(itemsAfter(replayed)).toEqual(itemsAfter(feed.events));
  });
});
