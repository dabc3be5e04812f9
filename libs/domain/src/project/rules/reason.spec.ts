import type { ProjectCommand } from '../commands.js';
import type { ProjectEvent } from '../events.js';
import { disbursed, extensionRequested, historyTo, reportSubmitted, revisionRequested } from '../testing/project-history.js';
import { APPROVER, command, spec, usd, type CommandOptions } from '../testing/project-fixtures.js';

const active = () => historyTo('active');

/** Every command rule 13 makes give a reason, with a history in which it is otherwise accepted. */
const NEEDS_A_REASON: [string, ProjectEvent[], (options: CommandOptions) => ProjectCommand][] = [
  ['RejectProject', historyTo('submitted'), (o) => command('RejectProject', {}, { by: APPROVER, ...o })],
  ['ReturnProject', historyTo('submitted'), (o) => command('ReturnProject', {}, { by: APPROVER, ...o })],
  ['CancelProject', active(), (o) => command('CancelProject', {}, { by: APPROVER, ...o })],
  ['SuspendProject', active(), (o) => command('SuspendProject', {}, { by: APPROVER, ...o })],
  ['CorrectTransaction', [...active(), disbursed('d-1', 100)], (o) => command('CorrectTransaction', { transactionId: 'd-1', correctedAmount: usd('0.50') }, o)],
  [
    'RequestBudgetRevision',
    active(),
    (o) => command('RequestBudgetRevision', { requestId: 'r-1', budget: { staffAndOfficeCosts: usd('1000.00'), operationalCosts: usd('9000.00') } }, o),
  ],
  ['RequestNoCostExtension', active(), (o) => command('RequestNoCostExtension', { requestId: 'r-1', newEndDate: '2020-06-30' }, o)],
  [
    'RejectBudgetRevision',
    [...active(), revisionRequested('r-1', { staffAndOfficeCosts: usd('1000.00'), operationalCosts: usd('9000.00') })],
    (o) => command('RejectBudgetRevision', { requestId: 'r-1' }, { by: APPROVER, ...o }),
  ],
  [
    'RejectNoCostExtension',
    [...active(), extensionRequested('r-1', '2020-06-30')],
    (o) => command('RejectNoCostExtension', { requestId: 'r-1' }, { by: APPROVER, ...o }),
  ],
  ['RejectReport', [...active(), reportSubmitted('r-1', 'interim')], (o) => command('RejectReport', { reportId: 'r-1' }, { by: APPROVER, ...o })],
];

describe('rule 13: rejecting, returning, cancelling, suspending, corrections and change requests need a reason', () => {
  describe.each(NEEDS_A_REASON)('%s', (_, history, send) => {
    it('is refused without a reason', () => {
      const error = spec.given(history).when(send({})).thenThrows('reason.required');
      expect(error.kind).toBe('invalid');
    });

    it('is refused with a blank reason', () => {
      spec.given(history).when(send({ reason: ' \t\n ' })).thenThrows('reason.required');
    });

    it('is refused with a reason over 2000 characters', () => {
      spec.given(history).when(send({ reason: 'x'.repeat(2001) })).thenThrows('reason.required');
    });

    it('records the reason, trimmed, in the event (2000 characters of any script fit)', () => {
      const reason = 'ملاحظة'.repeat(333) + '🌍🌍';
      expect([...reason]).toHaveLength(2000);
      spec.given(history).when(send({ reason: `  ${reason} ` })).thenEvents(([event]) => {
        expect(event!.data).toMatchObject({ reason });
      });
    });
  });
});
