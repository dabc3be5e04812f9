import { cents } from '#domain';
import type { RecordedEvent } from '#event-store';
import { refId } from '../../projection.js';
import { people, ProjectStory, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { asStoredInJsonb, documentAfter } from '../testing/views.js';
import { portfolioProjection, PROJECTS } from './portfolio-projection.js';
import type { ProjectDocument } from './project-document.js';

const projectAfter = (events: readonly RecordedEvent[], projectId = 'PO.0143') =>
  documentAfter<ProjectDocument>(portfolioProjection, PROJECTS, projectId, events);

describe('portfolio projection', () => {
  it('keeps one document per project, keyed by its project id, with the record as the fund lists it', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).active();
    new ProjectStory(feed, 'PO.0200').draft({ primaId: 'KZ10P0001', beneficiaryStates: [{ code: 'KZ' }] });

    const doc = projectAfter(feed.events);

    expect(doc).toMatchObject({
      projectId: 'PO.0143',
      primaId: 'KG10P0501',
      thematicArea: 'policy-and-legal-framework-development',
      coverage: 'national',
      fundingLine: 1,
      region: 'asia-and-oceania',
      beneficiaryStates: [{ code: 'KG', share: '100.00' }],
      stateCodes: ['KG'],
      plannedStartDate: '2019-03-01',
      plannedEndDate: '2020-03-31',
      currentEndDate: '2020-03-31',
      actualStartDate: '2019-03-01',
      year: 2019,
      status: 'active',
      iatiActivityStatus: 2,
      budget: usd(37_887),
      staffAndOfficeCosts: usd(10_000),
      operationalCosts: usd(27_887),
      committed: usd(37_887),
      disbursed: 0,
      spent: 0,
      splits: [{ state: 'KG', budget: usd(37_887), committed: usd(37_887), disbursed: 0, spent: 0 }],
      transactionsPublic: [],
      draftedAt: '2019-01-10T09:00:00.000Z',
      submittedAt: '2019-01-20T09:00:00.000Z',
      approvedAt: '2019-02-15T09:00:00.000Z',
      statusChangedAt: '2019-03-01T09:00:00.000Z',
      lastEventAt: '2019-03-01T09:00:00.000Z',
      revision: feed.stream('project-PO.0143').at(-1)!.revision,
    });
    expect(doc).not.toHaveProperty('actualEndDate');
    expect(doc).not.toHaveProperty('awaiting');
    expect(projectAfter(feed.events, 'PO.0200')).toMatchObject({ projectId: 'PO.0200', status: 'draft', iatiActivityStatus: 1 });
  });

  it('keeps the money flows: disbursements and expenditures add up, by value date, with no ids or people for donors', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).active().disburse('D-2', 500_000, '2019-04-01').disburse('D-1', 1_000_001, '2019-03-05', '2019-04-02T12:00:00.000Z').spend('E-1', 250_050);

    const doc = projectAfter(feed.events);

    expect(doc).toMatchObject({ disbursed: 1_500_001, spent: 250_050 });
    expect(doc.transactionsPublic).toEqual([
      { kind: 'disbursement', amount: 1_000_001, valueDate: '2019-03-05' },
      { kind: 'disbursement', amount: 500_000, valueDate: '2019-04-01' },
      { kind: 'expenditure', amount: 250_050, valueDate: '2019-04-05' },
    ]);
    expect(doc.internal.transactions['D-1']).toEqual({
      kind: 'disbursement',
      amount: 1_000_001,
      valueDate: '2019-03-05',
      recordedBy: people.finance.id,
    });
  });

  it('says what a project awaits and since when, through submission, endorsement, retention and approval', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).draft().prepare();
    const awaited = () => {
      const { awaiting, awaitingSince, status } = projectAfter(feed.events);
      return { status, awaiting, awaitingSince };
    };

    expect(awaited()).toEqual({ status: 'draft', awaiting: undefined, awaitingSince: undefined });
    story.submit('2019-01-20T09:00:00.000Z');
    expect(awaited()).toEqual({ status: 'submitted', awaiting: 'endorsement', awaitingSince: '2019-01-20T09:00:00.000Z' });
    story.endorse('2019-02-01T09:00:00.000Z');
    expect(awaited()).toEqual({ status: 'endorsed', awaiting: 'approval', awaitingSince: '2019-02-01T09:00:00.000Z' });
    story.retain('2019-02-05T09:00:00.000Z');
    expect(awaited()).toEqual({ status: 'retained', awaiting: 'approval', awaitingSince: '2019-02-05T09:00:00.000Z' });
    story.approve('2019-02-15T09:00:00.000Z');
    expect(awaited()).toEqual({ status: 'approved', awaiting: undefined, awaitingSince: undefined });
  });

  it('changes the budget and the committed amount when a budget revision is approved, not when it is requested', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).active();
    const revised = { staffAndOfficeCosts: usd(10_000), operationalCosts: usd(30_000) };
    story.send(
      'RequestBudgetRevision',
      { requestId: 'R-1', budget: revised },
      { at: '2019-06-01T09:00:00.000Z', reason: 'Exchange-rate loss on the workshop venue' },
    );

    const requested = projectAfter(feed.events);
    expect(requested).toMatchObject({ budget: usd(37_887), committed: usd(37_887) });
    expect(requested.internal.pendingBudgetRevision).toMatchObject({ requestId: 'R-1', budgetTotal: usd(40_000) });

    story.send('ApproveBudgetRevision', { requestId: 'R-1' }, { by: people.approver, at: '2019-06-02T09:00:00.000Z' });

    const approved = projectAfter(feed.events);
    expect(approved).toMatchObject({
      budget: usd(40_000),
      committed: usd(40_000),
      operationalCosts: usd(30_000),
      splits: [{ state: 'KG', budget: usd(40_000), committed: usd(40_000), disbursed: 0, spent: 0 }],
    });
    expect(approved.internal).not.toHaveProperty('pendingBudgetRevision');
  });

  it('moves the current end date, not the planned one, when a no-cost extension is approved', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).active();
    story.send('RequestNoCostExtension', { requestId: 'X-1', newEndDate: '2020-09-30' }, { at: '2019-06-01T09:00:00.000Z', reason: 'Elections' });
    expect(projectAfter(feed.events).internal.pendingNoCostExtension).toMatchObject({ newEndDate: '2020-09-30' });
    story.send('ApproveNoCostExtension', { requestId: 'X-1' }, { by: people.approver, at: '2019-06-02T09:00:00.000Z' });

    expect(projectAfter(feed.events)).toMatchObject({ plannedEndDate: '2020-03-31', currentEndDate: '2020-09-30' });
  });

  it('changes what was disbursed when a disbursement is corrected', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).active().disburse('D-1', 1_000_000);
    story.send('CorrectTransaction', { transactionId: 'D-1', correctedAmount: cents(900_050) }, {
      by: people.finance,
      reason: 'Bank statement shows USD 9,000.50',
    });

    const doc = projectAfter(feed.events);

    expect(doc.disbursed).toBe(900_050);
    expect(doc.transactionsPublic).toEqual([{ kind: 'disbursement', amount: 900_050, valueDate: '2019-03-05' }]);
    expect(doc.splits[0]!.disbursed).toBe(900_050);
  });

  it('keeps who did what, why, the focal point, endorsements and reports under `internal`', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).active();
    story.send('SuspendProject', {}, { by: people.approver, reason: 'Elections' });

    const doc = projectAfter(feed.events);

    expect(doc.internal).toMatchObject({
      draftedBy: people.drafter.id,
      submittedBy: people.submitter.id,
      endorsedBy: people.approver.id,
      approvedBy: people.approver.id,
      statusReason: 'Elections',
      focalPoint: { name: 'Nurlan Abdyldaev', organisation: 'State Migration Service', email: 'n.a@example.kg' },
      governmentEndorsements: { KG: { endorsedOn: '2019-01-14', authority: 'Ministry of Labour', recordedBy: people.drafter.id } },
      reports: {},
      transactions: {},
    });
    expect(doc).toMatchObject({ status: 'suspended', iatiActivityStatus: 6 });
    const topLevel = JSON.stringify({ ...doc, internal: undefined, _state: undefined });
    for (const secret of [people.drafter.id, people.submitter.id, people.approver.id, 'Elections', 'Nurlan', 'Ministry of Labour']) {
      expect(topLevel).not.toContain(secret);
    }
  });

  describe('events it does not fold', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft();
    const drafted = projectAfter(feed.events);
    const unknown = feed.record('project-PO.0143', [{ type: 'ProjectRenamedInTheFuture', data: { at: '2019-02-01T00:00:00.000Z' } }])[0]!;

    it('ignores an event type it does not know', () => {
      expect(portfolioProjection.touches(unknown)).toEqual([]);
      expect(portfolioProjection.apply(unknown, new Map([[`${PROJECTS}/PO.0143`, drafted]])).size).toBe(0);
      expect(projectAfter(feed.events)).toEqual(drafted);
    });

    it('ignores events of other streams', () => {
      const envelope = feed.record('envelope-2019-1', [{ type: 'EnvelopeOpened', data: { year: 2019, fundingLine: 1, amount: 1, at: 'x' } }])[0]!;
      expect(portfolioProjection.touches(envelope)).toEqual([]);
    });

    it('writes nothing for a project event before the project was drafted', () => {
      const orphan = new TestFeed().record('project-PO.0999', [{ type: 'ProjectSubmitted', data: { submittedBy: 'x', at: 'y' } }])[0]!;
      expect(portfolioProjection.touches(orphan)).toEqual([{ collection: PROJECTS, key: 'PO.0999' }]);
      expect(portfolioProjection.apply(orphan, new Map()).size).toBe(0);
    });
  });

  describe('determinism', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).active().disburse('D-1', 10_001).spend('E-1', 5_000);
    const events = feed.events;
    const next = events.at(-1)!;
    const before = projectAfter(events.slice(0, -1));
    const id = refId({ collection: PROJECTS, key: 'PO.0143' });

    it('gives the same document for the same event and document, every time', () => {
      const first = portfolioProjection.apply(next, new Map([[id, before]]));
      const second = portfolioProjection.apply(next, new Map([[id, structuredClone(before)]]));
      expect(second).toEqual(first);
      expect(first.get(id)).toEqual(projectAfter(events));
    });

    it('does not depend on the key order the store gives the document back in', () => {
      const fromStore = portfolioProjection.apply(next, new Map([[id, asStoredInJsonb(before)]]));
      expect(fromStore.get(id)).toEqual(projectAfter(events));
      expect((fromStore.get(id) as ProjectDocument).searchText).toBe(projectAfter(events).searchText);
    });

    it('leaves a document alone when handed an event it already folded', () => {
      const after = projectAfter(events);
      expect(portfolioProjection.apply(next, new Map([[id, after]])).size).toBe(0);
    });
  });
});
