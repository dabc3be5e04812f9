import { DeciderSpecification } from '../testing/decider-specification.js';
import { cents } from '../shared/money.js';
import { fold } from '../shared/decider.js';
import { pendingEnvelopeRepairs, workflowDecider, type ObservedEvent, type ReviewWorkflows, type WorkflowMessage } from './workflow-decider.js';

const spec = DeciderSpecification.for(workflowDecider);
const T0 = '2019-06-01T10:00:00.000Z';
const GRACE = 10_000;
const review = (secondsLater: number): ReviewWorkflows => ({
  type: 'ReviewWorkflows',
  data: { now: new Date(Date.parse(T0) + secondsLater * 1000).toISOString(), graceMs: GRACE },
});
const envelope = { year: 2019, fundingLine: 1 as const, at: T0 };
const observed = (id: string, revision: number, event: ObservedEvent['data']['event'], compensates?: string): ObservedEvent => ({
  type: 'Observed',
  data: { event, projectId: 'PO.0143', id, revision, recordedAt: T0, ...(compensates === undefined ? {} : { compensates }) },
});

const reserved = observed('r-1', 7, {
  type: 'FundsReserved',
  data: { ...envelope, projectId: 'PO.0143', amount: cents(3_788_700), purpose: 'approval', reservedAfter: cents(3_788_700) },
});
const claimed = observed('c-1', 0, { type: 'PrimaIdClaimed', data: { primaId: 'KG10P0501', projectId: 'PO.0143', at: T0 } });
const draftedWith = (primaId: string) =>
  observed('p-0', 0, { type: 'ProjectDrafted', data: { projectId: 'PO.0143', primaId, at: T0 } } as unknown as ObservedEvent['data']['event']);
const approved = (committed: number) =>
  observed('p-5', 5, { type: 'ProjectApproved', data: { ...envelope, approvedBy: 'bea', committed: cents(committed) } });
const cancelled = observed('p-9', 9, {
  type: 'ProjectCancelled',
  data: { ...envelope, cancelledBy: 'bea', reason: 'coup', committed: cents(3_788_700), disbursed: cents(788_700), releasedAmount: cents(3_000_000) },
});
const refundedAfterClosure = (releasedAmount: number) =>
  observed('p-12', 12, {
    type: 'RefundRecorded',
    data: { ...envelope, transactionId: 'R-1', amount: cents(50_000), valueDate: '2019-06-01', recordedBy: 'farid', releasedAmount: cents(releasedAmount) },
  });
const released = (amount: number, purpose: 'cancellation' | 'compensation' | 'refund', compensates?: string) =>
  observed('e-9', 12, { type: 'FundsReleased', data: { ...envelope, projectId: 'PO.0143', amount: cents(amount), purpose, reservedAfter: cents(0) } }, compensates);

describe('workflows across streams', () => {
  describe('an approval: reserve, then record', () => {
    it('leaves a reservation alone during the grace period', () => {
      spec.given([approved(0), reserved]).when(review(9.999)).then([]);
    });

    it('abandons a reservation whose approval was not recorded in time, after the project revision it saw', () => {
      spec
        .given([draftedWith('KG10P0501'), reserved])
        .when(review(10))
        .thenEvents(([step]) => {
          expect(step).toMatchObject({
            type: 'AbandonApproval',
            data: { workflowId: 'r-1', projectId: 'PO.0143', expectedProjectRevision: 0, amount: 3_788_700, purpose: 'approval', year: 2019, fundingLine: 1 },
          });
          expect((step!.data as { reason: string }).reason).toContain('was not recorded within 10000 ms');
        });
    });

    it('is finished by the approval that records the reserved amount', () => {
      spec.given([reserved, approved(3_788_700)]).when(review(60)).then([]);
    });

    it('is not finished by an approval of another amount', () => {
      spec.given([reserved, approved(1)]).when(review(60)).thenEvents(([step]) => expect(step!.type).toBe('AbandonApproval'));
    });

    it('is finished by the command compensating its own failed approval', () => {
      spec.given([reserved, released(3_788_700, 'compensation')]).when(review(60)).then([]);
    });

    it('releases the reservation once its abandonment is recorded', () => {
      const abandoned = observed(
        'p-6',
        6,
        { type: 'ApprovalAbandoned', data: { ...envelope, projectId: 'PO.0143', amount: cents(3_788_700), purpose: 'approval', reason: 'x' } },
        'r-1',
      );
      spec
        .given([reserved, abandoned])
        .when(review(60))
        .thenEvents((steps) => expect(steps).toMatchObject([{ type: 'ReleaseAbandonedReservation', data: { workflowId: 'r-1', amount: 3_788_700 } }]));
    });

    it('is done when the release that names it is recorded, and an approval after that matches nothing', () => {
      spec.given([reserved, released(3_788_700, 'compensation', 'r-1'), approved(3_788_700)]).when(review(60)).then([]);
    });
  });

  describe('a cancellation: record, then release', () => {
    it('releases what a recorded cancellation owes the envelope when nobody did', () => {
      spec
        .given([cancelled])
        .when(review(10))
        .thenEvents((steps) =>
          expect(steps).toMatchObject([{ type: 'CompleteRelease', data: { workflowId: 'p-9', amount: 3_000_000, purpose: 'cancellation' } }]),
        );
    });

    it('is finished by the release the command made itself', () => {
      spec.given([cancelled, released(3_000_000, 'cancellation')]).when(review(60)).then([]);
    });

    it('owes nothing when nothing is left to release', () => {
      const nothingLeft = observed('p-9', 9, { type: 'ProjectClosed', data: { ...envelope, closedBy: 'bea', committed: cents(5), disbursed: cents(5), releasedAmount: cents(0) } });
      spec.given([nothingLeft]).when(review(60)).then([]);
    });
  });

  describe('a refund after closure or cancellation: record, then release (ADR 0018)', () => {
    it('releases what a recorded refund owes the envelope when nobody did', () => {
      spec
        .given([refundedAfterClosure(50_000)])
        .when(review(10))
        .thenEvents((steps) => expect(steps).toMatchObject([{ type: 'CompleteRelease', data: { workflowId: 'p-12', amount: 50_000, purpose: 'refund' } }]));
    });

    it('is finished by the release the command made itself', () => {
      spec.given([refundedAfterClosure(50_000), released(50_000, 'refund')]).when(review(60)).then([]);
    });

    it('owes nothing for a refund while the project runs: its money stays reserved', () => {
      spec.given([refundedAfterClosure(0)]).when(review(60)).then([]);
    });
  });

  describe('a draft: claim the PRIMA id, then create', () => {
    it('abandons a claim whose draft never came, on a project stream that must not exist yet', () => {
      spec
        .given([claimed])
        .when(review(10))
        .thenEvents((steps) =>
          expect(steps).toMatchObject([{ type: 'AbandonDraft', data: { workflowId: 'c-1', primaId: 'KG10P0501', expectedProjectRevision: null } }]),
        );
    });

    it('is finished by the draft with that id, however it is written', () => {
      spec.given([claimed, draftedWith(' kg10p0501 ')]).when(review(60)).then([]);
    });

    it('releases the claim once the draft is abandoned', () => {
      const abandoned = observed('p-0', 0, { type: 'DraftAbandoned', data: { projectId: 'PO.0143', primaId: 'KG10P0501', reason: 'x', at: T0 } }, 'c-1');
      spec
        .given([claimed, abandoned])
        .when(review(60))
        .thenEvents((steps) => expect(steps).toMatchObject([{ type: 'ReleaseAbandonedClaim', data: { workflowId: 'c-1', primaId: 'KG10P0501' } }]));
    });
  });

  it('tells the envelope what is pending, and nothing once it is done', () => {
    const pending: WorkflowMessage[] = [reserved, cancelled];
    expect(pendingEnvelopeRepairs(fold(workflowDecider, pending)).map((p) => [p.kind, p.workflowId, p.amount])).toEqual([
      ['reservation', 'r-1', 3_788_700],
      ['release', 'p-9', 3_000_000],
    ]);
    expect(pendingEnvelopeRepairs(fold(workflowDecider, [...pending, approved(3_788_700), released(3_000_000, 'cancellation')]))).toEqual([]);
  });

  it('folds a decided step into nothing: only its recorded events change what is open', () => {
    const state = fold(workflowDecider, [reserved]);
    const [step] = workflowDecider.decide(review(60), state);
    expect(workflowDecider.evolve(state, step!)).toBe(state);
  });
});
