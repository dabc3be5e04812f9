import { usd, command, spec } from '../testing/project-fixtures.js';
import { drafted, endorsementRecorded, focalPointRecorded, submitted, endorsed, approved, started, historyTo } from '../testing/project-history.js';
import { requestDeadline } from './request-deadline.js';

describe('rule 10: the deadline is one calendar month before the current end date', () => {
  it.each([
    ['2020-03-31', '2020-02-29'],
    ['2019-03-31', '2019-02-28'],
    ['2020-03-15', '2020-02-15'],
    ['2020-01-31', '2019-12-31'],
    ['2020-05-31', '2020-04-30'],
  ])('for an end on %s it is %s', (end, deadline) => {
    expect(requestDeadline(end)).toBe(deadline);
  });
});

describe('requesting a change at the deadline', () => {
  const requests = [
    ['budget revision', (at: string) =>
      command('RequestBudgetRevision', { requestId: 'r-1', budget: { staffAndOfficeCosts: usd('10000.00'), operationalCosts: usd('30000.00') } }, { at, reason: 'Prices rose' })],
    ['no-cost extension', (at: string) => command('RequestNoCostExtension', { requestId: 'r-1', newEndDate: '2020-06-30' }, { at, reason: 'Hearing postponed' })],
  ] as const;

  describe.each(requests)('a %s, for a project ending 2020-03-31 (deadline clamped to 2020-02-29)', (_, requestAt) => {
    it('is allowed exactly one month before, up to the last second of that UTC day', () => {
      spec.given(historyTo('active')).when(requestAt('2020-02-29T00:00:00.000Z')).thenEvents((events) => expect(events).toHaveLength(1));
      spec.given(historyTo('active')).when(requestAt('2020-02-29T23:59:59.999Z')).thenEvents((events) => expect(events).toHaveLength(1));
    });

    it('is refused one day later', () => {
      spec.given(historyTo('active')).when(requestAt('2020-03-01T00:00:00.000Z')).thenThrows('request.too-late');
    });

    it('counts the UTC date, not the sender’s local date', () => {
      spec.given(historyTo('active')).when(requestAt('2020-02-29T23:30:00-02:00')).thenThrows('request.too-late');
    });
  });

  describe.each(requests)('a %s, for a project ending mid-month on 2020-03-15', (_, requestAt) => {
    const history = [
      drafted({ plannedEndDate: '2020-03-15' }),
      endorsementRecorded(),
      focalPointRecorded(),
      submitted(),
      endorsed(),
      approved(),
      started(),
    ];

    it('is allowed on 2020-02-15 and refused on 2020-02-16', () => {
      spec.given(history).when(requestAt('2020-02-15T12:00:00.000Z')).thenEvents((events) => expect(events).toHaveLength(1));
      spec.given(history).when(requestAt('2020-02-16T00:00:00.000Z')).thenThrows('request.too-late');
    });
  });
});
