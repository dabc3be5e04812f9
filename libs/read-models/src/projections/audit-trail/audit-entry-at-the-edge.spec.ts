import { amountSchemaAt, cents, contributionDecider, envelopeDecider, type ContributionCommand, type EnvelopeCommand } from '#domain';
import { people, ProjectStory, usd } from '../testing/fund-fixtures.js';
import { TestFeed } from '../testing/test-feed.js';
import { asStoredInJsonb, collectionAfter } from '../testing/views.js';
import type { ViewDocument } from '../../projection.js';
import { auditEntryAtTheEdge } from './audit-entry-at-the-edge.js';
import { AUDIT_SUBJECT_KINDS } from './audit-subjects.js';
import { AUDIT_ENTRIES, auditTrailProjection } from './audit-trail-projection.js';

type Change = { field: string; before: unknown; after: unknown };

/** A regional project through every money step, its envelope and a contribution, as the trail stores them. */
function storedTrail(): ViewDocument[] {
  const feed = new TestFeed();
  const approver = { actor: people.approver, at: '2019-02-15T09:00:00.000Z' };
  const envelope = (command: EnvelopeCommand) => feed.decide(envelopeDecider, 'envelope-2019-1', command);
  envelope({ type: 'OpenEnvelope', data: { year: 2019, fundingLine: 1, amount: usd(1_479_887) }, context: { actor: people.admin, at: '2019-01-15T09:00:00.000Z' } });
  envelope({ type: 'ReserveFunds', data: { projectId: 'PO.0143', amount: usd(150_000), purpose: 'approval' }, context: approver });
  const contribution = (command: ContributionCommand) => feed.decide(contributionDecider, 'contribution-C-1', command);
  const finance = { actor: people.finance, at: '2019-03-01T09:00:00.000Z' };
  contribution({ type: 'PledgeContribution', data: { contributionId: 'C-1', donor: 'Norway', year: 2019, fundingLine: 1, amount: cents(1_234_567) }, context: finance, regions: ['africa'] });
  contribution({ type: 'RecordContributionReceipt', data: { receiptId: 'r-1', amount: cents(500_000), receivedOn: '2019-03-01' }, context: finance });

  const story = new ProjectStory(feed);
  story.active(
    {
      coverage: 'regional',
      beneficiaryStates: [{ code: 'KG' }, { code: 'KZ' }, { code: 'TJ' }],
      budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(120_000) },
    },
    ['KG', 'KZ', 'TJ'],
  );
  story.disburse('d-1', 2_000_000).spend('e-1', 1_250_050);
  story.send('CorrectTransaction', { transactionId: 'd-1', correctedAmount: cents(1_950_025) }, { by: people.finance, reason: 'Bank fee deducted' });
  story.send('RequestBudgetRevision', { requestId: 'rev-1', budget: { staffAndOfficeCosts: usd(30_000), operationalCosts: usd(125_000) } }, { reason: 'Two more sessions' });
  story.send('ApproveBudgetRevision', { requestId: 'rev-1' }, { by: people.approver, at: '2019-06-04T10:00:00.000Z' });
  // As the store gives them back: through JSON, keys reordered.
  return [...collectionAfter(auditTrailProjection, AUDIT_ENTRIES, feed.events).values()].map((entry) => asStoredInJsonb(entry));
}

const shown = storedTrail().map(auditEntryAtTheEdge);
const changeOf = (type: string, field: string): Change | undefined =>
  shown.filter((entry) => entry['type'] === type).flatMap((entry) => entry['changes'] as Change[]).find((change) => change.field === field);

/** Every number left in a value, by path. */
function numbersIn(value: unknown, path: string): string[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}.${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => numbersIn(inner, `${path}.${key}`));
}

describe('the audit trail at the edge', () => {
  it('shows money before → after as USD decimal strings', () => {
    expect(changeOf('ProjectApproved', 'committed')).toEqual({ field: 'committed', before: '0.00', after: '150000.00' });
    expect(changeOf('DisbursementRecorded', 'disbursed')).toEqual({ field: 'disbursed', before: '0.00', after: '20000.00' });
    expect(changeOf('TransactionCorrected', 'disbursed')).toEqual({ field: 'disbursed', before: '20000.00', after: '19500.25' });
    expect(changeOf('TransactionCorrected', 'transactions')).toMatchObject({
      before: { 'd-1': { amount: '20000.00', kind: 'disbursement' } },
      after: { 'd-1': { amount: '19500.25', kind: 'disbursement' } },
    });
    expect(changeOf('BudgetRevisionRequested', 'pendingBudgetRevision.budgetTotal')).toEqual({
      field: 'pendingBudgetRevision.budgetTotal',
      before: null,
      after: '155000.00',
    });
    expect(changeOf('BudgetRevisionApproved', 'budget.operationalCosts')).toEqual({ field: 'budget.operationalCosts', before: '120000.00', after: '125000.00' });
  });

  it('shows beneficiary shares in percent, as the API takes them', () => {
    expect(changeOf('ProjectDrafted', 'beneficiaryStates')!.after).toEqual([
      { code: 'KG', share: '33.34' },
      { code: 'KZ', share: '33.33' },
      { code: 'TJ', share: '33.33' },
    ]);
  });

  it("shows an envelope's and a contribution's money in USD too", () => {
    expect(changeOf('EnvelopeOpened', 'amount')).toEqual({ field: 'amount', before: '0.00', after: '1479887.00' });
    expect(changeOf('FundsReserved', 'reservedByProject')).toEqual({ field: 'reservedByProject', before: {}, after: { 'PO.0143': '150000.00' } });
    expect(changeOf('ContributionReceived', 'received')).toEqual({ field: 'received', before: '0.00', after: '5000.00' });
  });

  it('leaves no money or share as a number in any change: only years and funding lines stay numbers', () => {
    for (const entry of shown) {
      const kind = AUDIT_SUBJECT_KINDS.find((candidate) => candidate.type === entry['subjectType'])!;
      for (const change of entry['changes'] as Change[]) {
        for (const side of ['before', 'after'] as const) {
          for (const path of numbersIn(change[side], change.field)) {
            const unit = amountSchemaAt(kind.amounts, path);
            expect({ type: entry['type'], path, unit }).toEqual({ type: entry['type'], path, unit: 'number' });
          }
        }
      }
    }
  });
});

describe('the business date of an audit entry at the edge', () => {
  it('keeps the effectiveOn an entry was written with', () => {
    expect(auditEntryAtTheEdge({ subjectType: 'project', effectiveOn: '2024-03-05', recordedAt: '2026-01-20T09:00:00.000Z', changes: [] })['effectiveOn']).toBe('2024-03-05');
  });

  it('gives an entry written before business dates the UTC date of its recording instant', () => {
    expect(auditEntryAtTheEdge({ subjectType: 'project', recordedAt: '2026-01-20T23:30:00.000Z', changes: [] })['effectiveOn']).toBe('2026-01-20');
  });
});
