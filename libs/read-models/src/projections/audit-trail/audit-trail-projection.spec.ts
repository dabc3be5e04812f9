import {
  cents,
  codeListDecider,
  codeListStreamId,
  contributionDecider,
  envelopeDecider,
  type ContributionCommand,
  type EnvelopeCommand,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import { people, proposal, ProjectStory, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { asStoredInJsonb, collectionAfter } from '../testing/views.js';
import {
  AUDIT_ENTRIES,
  AUDIT_SUBJECTS,
  auditTrailProjection,
  type AuditEntryDocument,
  type AuditSubjectDocument,
} from './audit-trail-projection.js';

const entriesAfter = (events: readonly RecordedEvent[]) =>
  collectionAfter(auditTrailProjection, AUDIT_ENTRIES, events) as Map<string, AuditEntryDocument>;
const entryOf = (event: RecordedEvent, events: readonly RecordedEvent[]) => entriesAfter(events).get(event.id)!;

describe('audit trail projection', () => {
  describe('what each event changed, before → after', () => {
    it('shows the fields a draft amendment changed, and only those', () => {
      const feed = new TestFeed();
      const story = new ProjectStory(feed).draft();
      const { title } = proposal();
      const [amended] = story.send(
        'AmendDraft',
        {
          title: { ...title, fr: 'Renforcer la politique migratoire' },
          budget: { staffAndOfficeCosts: usd(10_000), operationalCosts: usd(30_000) },
        },
        { at: '2019-01-12T09:00:00.000Z', reason: 'The ministry asked for a French title' },
      );

      const entry = entryOf(amended!, feed.events);

      expect(entry.changes).toEqual([
        { field: 'budget.operationalCosts', before: usd(27_887), after: usd(30_000) },
        { field: 'budgetTotal', before: usd(37_887), after: usd(40_000) },
        // Of a map (languages, ids), only the entries that changed.
        { field: 'title', before: { fr: title.fr }, after: { fr: 'Renforcer la politique migratoire' } },
      ]);
      expect(entry).toMatchObject({
        type: 'ProjectDraftAmended',
        subjectType: 'project',
        subjectId: 'PO.0143',
        actorId: people.drafter.id,
        actorRole: 'fund-manager',
        reason: 'The ministry asked for a French title',
      });
    });

    it('shows a submission moving the status from draft to submitted, with who submitted', () => {
      const feed = new TestFeed();
      new ProjectStory(feed).draft().prepare().submit('2019-01-20T09:00:00.000Z');

      expect(entryOf(feed.last(), feed.events).changes).toEqual([
        { field: 'status', before: 'draft', after: 'submitted' },
        { field: 'statusChangedAt', before: '2019-01-10T09:00:00.000Z', after: '2019-01-20T09:00:00.000Z' },
        // Business dates next to the instants (ADR 0019).
        { field: 'statusChangedOn', before: '2019-01-10', after: '2019-01-20' },
        { field: 'submittedAt', before: null, after: '2019-01-20T09:00:00.000Z' },
        { field: 'submittedBy', before: null, after: people.submitter.id },
        { field: 'submittedOn', before: null, after: '2019-01-20' },
      ]);
      expect(entryOf(feed.last(), feed.events).effectiveOn).toBe('2019-01-20');
    });

    it('shows an approval: status endorsed → approved, the budget committed, by whom and when', () => {
      const feed = new TestFeed();
      new ProjectStory(feed).draft().prepare().submit().endorse('2019-02-01T09:00:00.000Z').approve('2019-02-15T09:00:00.000Z');

      const entry = entryOf(feed.last(), feed.events);

      expect(entry.type).toBe('ProjectApproved');
      expect(entry.changes).toEqual([
        { field: 'approvedAt', before: null, after: '2019-02-15T09:00:00.000Z' },
        { field: 'approvedBy', before: null, after: people.approver.id },
        { field: 'approvedOn', before: null, after: '2019-02-15' },
        { field: 'committed', before: 0, after: usd(37_887) },
        { field: 'status', before: 'endorsed', after: 'approved' },
        { field: 'statusChangedAt', before: '2019-02-01T09:00:00.000Z', after: '2019-02-15T09:00:00.000Z' },
        { field: 'statusChangedOn', before: '2019-02-01', after: '2019-02-15' },
      ]);
      expect(entry).toMatchObject({ actorId: people.approver.id, actorRole: 'approver', effectiveOn: '2019-02-15', recordedAt: '2019-02-15T09:00:00.000Z' });
    });

    it('shows a disbursement: disbursed 0 → the amount, and the transaction recorded', () => {
      const feed = new TestFeed();
      new ProjectStory(feed).active().disburse('D-1', 1_000_001, '2019-03-05');

      expect(entryOf(feed.last(), feed.events).changes).toEqual([
        { field: 'disbursed', before: 0, after: 1_000_001 },
        {
          field: 'transactions',
          before: {},
          after: { 'D-1': { kind: 'disbursement', amount: 1_000_001, valueDate: '2019-03-05', recordedBy: people.finance.id } },
        },
      ]);
    });

    it('shows the first event of a project bringing it into existence', () => {
      const feed = new TestFeed();
      new ProjectStory(feed).draft();

      const changes = entryOf(feed.last(), feed.events).changes;

      expect(changes).toContainEqual({ field: 'status', before: 'none', after: 'draft' });
      expect(changes).toContainEqual({ field: 'budget.staffAndOfficeCosts', before: null, after: usd(10_000) });
      expect(changes).toContainEqual({ field: 'beneficiaryStates', before: null, after: [{ code: 'KG', share: 10_000 }] });
      expect(changes).toContainEqual({ field: 'title', before: null, after: proposal().title });
      expect(changes.map((change) => change.field)).toEqual([...changes.map((change) => change.field)].sort());
    });

    it("shows an envelope adjustment: the envelope's size before → after, by the admin, and why", () => {
      const feed = new TestFeed();
      const envelope = (command: EnvelopeCommand) => feed.decide(envelopeDecider, 'envelope-2019-1', command);
      envelope({
        type: 'OpenEnvelope',
        data: { year: 2019, fundingLine: 1, amount: usd(1_479_887) },
        context: { actor: people.admin, at: '2019-01-15T09:00:00.000Z' },
      });
      envelope({
        type: 'ReserveFunds',
        data: { projectId: 'PO.0143', amount: usd(37_887), purpose: 'approval' },
        context: { actor: people.approver, at: '2019-02-15T09:00:00.000Z' },
      });
      const [adjusted] = envelope({
        type: 'AdjustEnvelope',
        data: { newAmount: usd(1_600_000) },
        context: { actor: people.admin, at: '2019-03-01T09:00:00.000Z' },
        reason: 'Donor top-up',
      });

      expect(entryOf(adjusted!, feed.events)).toMatchObject({
        subjectType: 'envelope',
        subjectId: '2019-1',
        type: 'EnvelopeAdjusted',
        actorId: people.admin.id,
        actorRole: 'admin',
        reason: 'Donor top-up',
        changes: [{ field: 'amount', before: usd(1_479_887), after: usd(1_600_000) }],
      });
      expect(entryOf(feed.events[1]!, feed.events).changes).toEqual([
        { field: 'reserved', before: 0, after: usd(37_887) },
        { field: 'reservedByProject', before: {}, after: { 'PO.0143': usd(37_887) } },
      ]);
    });

    it('shows a contribution receipt and a code list entry', () => {
      const feed = new TestFeed();
      const finance = { actor: people.finance, at: '2019-02-01T09:00:00.000Z' };
      const contribution = (command: ContributionCommand) => feed.decide(contributionDecider, 'contribution-C-1', command);
      contribution({
        type: 'PledgeContribution',
        data: { contributionId: 'C-1', donor: 'Norway', year: 2019, fundingLine: 1, amount: cents(1_000) },
        context: finance,
        regions: ['africa'],
      });
      const [received] = contribution({
        type: 'RecordContributionReceipt',
        data: { receiptId: 'R-1', amount: cents(400), receivedOn: '2019-02-01' },
        context: finance,
      });
      const regions = codeListDecider('regions');
      const [added] = feed.decide(regions, codeListStreamId('regions'), {
        type: 'AddCodeListEntry',
        data: { code: 'middle-east-and-north-africa', label: 'Middle East and North Africa' },
        context: { actor: people.admin, at: '2019-02-02T09:00:00.000Z' },
      });

      expect(entryOf(received!, feed.events)).toMatchObject({
        subjectType: 'contribution',
        subjectId: 'C-1',
        changes: [
          { field: 'receiptIds', before: [], after: ['R-1'] },
          { field: 'received', before: 0, after: 400 },
        ],
      });
      const defaults = regions.initialState().entries;
      expect(entryOf(added!, feed.events)).toMatchObject({
        subjectType: 'code-list',
        subjectId: 'regions',
        changes: [
          {
            field: 'entries',
            before: defaults,
            after: [...defaults, { code: 'middle-east-and-north-africa', label: 'Middle East and North Africa' }],
          },
        ],
      });
    });
  });

  it('records who, in which role, when, why, and where in the feed, for every event', () => {
    const feed = new TestFeed();
    const story = new ProjectStory(feed).active();
    const [suspended] = story.send('SuspendProject', {}, { by: people.approver, at: '2019-05-01T09:00:00.000Z', reason: 'Elections' });

    const entries = entriesAfter(feed.events);

    expect(entries.size).toBe(feed.events.length);
    expect(entries.get(suspended!.id)).toEqual({
      eventId: suspended!.id,
      streamId: 'project-PO.0143',
      subjectType: 'project',
      subjectId: 'PO.0143',
      type: 'ProjectSuspended',
      revision: suspended!.revision,
      position: `${suspended!.position.commit}-${suspended!.position.prepare}`,
      positionCommit: Number(suspended!.position.commit),
      positionPrepare: Number(suspended!.position.prepare),
      feedOrder: `${String(suspended!.position.commit).padStart(20, '0')}-${String(suspended!.position.prepare).padStart(20, '0')}`,
      actorId: people.approver.id,
      actorRole: 'approver',
      effectiveOn: '2019-05-01',
      recordedAt: '2019-05-01T09:00:00.000Z',
      reason: 'Elections',
      correlationId: suspended!.metadata.correlationId,
      causationId: suspended!.metadata.causationId,
      changes: [
        { field: 'status', before: 'active', after: 'suspended' },
        { field: 'statusChangedAt', before: '2019-03-01T09:00:00.000Z', after: '2019-05-01T09:00:00.000Z' },
        { field: 'statusChangedOn', before: '2019-03-01', after: '2019-05-01' },
        { field: 'statusReason', before: null, after: 'Elections' },
      ],
    } satisfies AuditEntryDocument);
    expect(entries.get(feed.events[0]!.id)).not.toHaveProperty('reason');
  });

  it('gives a feed order that sorts as text exactly as positions sort, whatever their number of digits', () => {
    const at = (commit: bigint, prepare: bigint, n: number): RecordedEvent => ({
      ...new TestFeed().record('envelope-2019-1', [{ type: 'EnvelopeOpened', data: { year: 2019, fundingLine: 1, amount: 1, at: 'x' } }])[0]!,
      id: `event-${n}`,
      position: { commit, prepare },
    });
    const feedOrder = (event: RecordedEvent) =>
      (auditTrailProjection.apply(event, new Map()).get(`audit-entries/${event.id}`) as AuditEntryDocument).feedOrder;

    const inFeedOrder = [at(9n, 100n, 1), at(10n, 1n, 2), at(10n, 20n, 3), at(123_456_789_012n, 3n, 4)].map(feedOrder);

    expect([...inFeedOrder].sort()).toEqual(inFeedOrder);
    expect(inFeedOrder[0]).toBe('00000000000000000009-00000000000000000100');
  });

  it('keeps each subject folded by its own decider, keyed by stream', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft();

    const subject = collectionAfter(auditTrailProjection, AUDIT_SUBJECTS, feed.events).get('project-PO.0143') as AuditSubjectDocument;

    expect(subject).toMatchObject({ streamId: 'project-PO.0143', subjectType: 'project', subjectId: 'PO.0143', revision: 0 });
    expect(subject.state).toMatchObject({ status: 'draft', projectId: 'PO.0143', budgetTotal: usd(37_887) });
  });

  describe("an envelope's holdings, one document per project", () => {
    const approver = { actor: people.approver, at: '2019-02-15T09:00:00.000Z' };
    const envelopeFeed = () => {
      const feed = new TestFeed();
      const envelope = (command: EnvelopeCommand) => feed.decide(envelopeDecider, 'envelope-2019-1', command);
      envelope({ type: 'OpenEnvelope', data: { year: 2019, fundingLine: 1, amount: usd(1_000_000) }, context: { actor: people.admin, at: '2019-01-15T09:00:00.000Z' } });
      envelope({ type: 'ReserveFunds', data: { projectId: 'PO.0143', amount: usd(30_000), purpose: 'approval' }, context: approver });
      envelope({ type: 'ReserveFunds', data: { projectId: 'PO.0200', amount: usd(50_000), purpose: 'approval' }, context: approver });
      return { feed, envelope };
    };

    it('keeps each holding apart from the envelope, so that an event writes only its project', () => {
      const { feed, envelope } = envelopeFeed();
      const [released] = envelope({ type: 'ReleaseFunds', data: { projectId: 'PO.0143', amount: usd(10_000), purpose: 'closure' }, context: approver });
      const subjects = collectionAfter(auditTrailProjection, AUDIT_SUBJECTS, feed.events);

      expect(auditTrailProjection.touches(released!)).toContainEqual({ collection: AUDIT_SUBJECTS, key: 'envelope-2019-1/reservedByProject/PO.0143' });
      expect((subjects.get('envelope-2019-1') as AuditSubjectDocument).state).toEqual({
        status: 'open',
        year: 2019,
        fundingLine: 1,
        amount: usd(1_000_000),
        reserved: usd(70_000),
      });
      expect(subjects.get('envelope-2019-1/reservedByProject/PO.0143')).toEqual({
        streamId: 'envelope-2019-1',
        field: 'reservedByProject',
        key: 'PO.0143',
        value: usd(20_000),
      });
      expect(subjects.get('envelope-2019-1/reservedByProject/PO.0200')).toMatchObject({ value: usd(50_000) });
      expect(entryOf(released!, feed.events).changes).toEqual([
        { field: 'reserved', before: usd(80_000), after: usd(70_000) },
        { field: 'reservedByProject', before: { 'PO.0143': usd(30_000) }, after: { 'PO.0143': usd(20_000) } },
      ]);
    });

    it('drops a holding released in full', () => {
      const { feed, envelope } = envelopeFeed();
      const [released] = envelope({ type: 'ReleaseFunds', data: { projectId: 'PO.0200', amount: usd(50_000), purpose: 'closure' }, context: approver });
      const subjects = collectionAfter(auditTrailProjection, AUDIT_SUBJECTS, feed.events);

      expect(subjects.has('envelope-2019-1/reservedByProject/PO.0200')).toBe(false);
      expect(entryOf(released!, feed.events).changes).toContainEqual({ field: 'reservedByProject', before: { 'PO.0200': usd(50_000) }, after: {} });
    });

    it('moves the holdings of an envelope written with them inline to documents of their own, once', () => {
      const { feed, envelope } = envelopeFeed();
      const [released] = envelope({ type: 'ReleaseFunds', data: { projectId: 'PO.0143', amount: usd(10_000), purpose: 'closure' }, context: approver });
      const inline: AuditSubjectDocument = {
        streamId: 'envelope-2019-1',
        subjectType: 'envelope',
        subjectId: '2019-1',
        revision: 2,
        lastEventAt: '2019-02-15T09:00:00.000Z',
        state: { status: 'open', year: 2019, fundingLine: 1, amount: usd(1_000_000), reserved: usd(80_000), reservedByProject: { 'PO.0143': usd(30_000), 'PO.0200': usd(50_000) } },
      };

      const written = auditTrailProjection.apply(released!, new Map([['audit-subjects/envelope-2019-1', asStoredInJsonb(inline)]]));

      expect(written.get('audit-subjects/envelope-2019-1/reservedByProject/PO.0143')).toMatchObject({ value: usd(20_000) });
      expect(written.get('audit-subjects/envelope-2019-1/reservedByProject/PO.0200')).toMatchObject({ value: usd(50_000) });
      expect((written.get('audit-subjects/envelope-2019-1') as AuditSubjectDocument).state).not.toHaveProperty('reservedByProject');
      expect((written.get(`audit-entries/${released!.id}`) as AuditEntryDocument).changes).toEqual(entryOf(released!, feed.events).changes);
    });
  });

  describe('events it leaves out', () => {
    it('ignores an event type it does not know', () => {
      const feed = new TestFeed();
      const [unknown] = feed.record('project-PO.0143', [{ type: 'ProjectRenamedInTheFuture', data: { at: 'x' } }]);
      expect(auditTrailProjection.touches(unknown!)).toEqual([]);
      expect(auditTrailProjection.apply(unknown!, new Map()).size).toBe(0);
    });

    it('ignores a code list that does not exist and streams of no subject', () => {
      const feed = new TestFeed();
      const [noList] = feed.record('code-list-planets', [
        { type: 'CodeListEntryAdded', data: { list: 'planets', code: 'mars', label: 'Mars', at: 'x' } },
      ]);
      const [other] = feed.record('prima-registry', [{ type: 'ProjectSubmitted', data: { at: 'x' } }]);
      expect(auditTrailProjection.touches(noList!)).toEqual([]);
      expect(auditTrailProjection.touches(other!)).toEqual([]);
    });
  });

  describe('determinism', () => {
    const feed = new TestFeed();
    new ProjectStory(feed).draft().prepare().submit();
    const next = feed.last();
    const subjectBefore = collectionAfter(auditTrailProjection, AUDIT_SUBJECTS, feed.events.slice(0, -1)).get('project-PO.0143')!;
    const expected = entriesAfter(feed.events).get(next.id);

    it('touches the subject it reads; the entry it writes is write-only', () => {
      expect(auditTrailProjection.touches(next)).toEqual([{ collection: AUDIT_SUBJECTS, key: 'project-PO.0143' }]);
      expect(auditTrailProjection.writeOnlyCollections).toEqual([AUDIT_ENTRIES]);
      expect(auditTrailProjection.apply(next, new Map([['audit-subjects/project-PO.0143', subjectBefore]])).has(`audit-entries/${next.id}`)).toBe(true);
    });

    it('writes the same entry every time, whatever key order the store returns the subject in', () => {
      const written = auditTrailProjection.apply(next, new Map([['audit-subjects/project-PO.0143', asStoredInJsonb(subjectBefore)]]));
      expect(written.get(`audit-entries/${next.id}`)).toEqual(expected);
      expect(auditTrailProjection.apply(next, new Map([['audit-subjects/project-PO.0143', subjectBefore]]))).toEqual(written);
    });

    it('writes nothing for an event its subject has already folded', () => {
      const subjectAfter = collectionAfter(auditTrailProjection, AUDIT_SUBJECTS, feed.events).get('project-PO.0143')!;
      expect(auditTrailProjection.apply(next, new Map([['audit-subjects/project-PO.0143', subjectAfter]])).size).toBe(0);
    });
  });
});
