import { describe, expect, it } from '@jest/globals';
import { monthBefore, waitingOn, type StaffCard } from './waiting';

function card(change: Partial<StaffCard> = {}): StaffCard {
  return {
    projectId: 'PO.0143',
    title: { en: 'Migration policy support' },
    status: 'draft',
    coverage: 'national',
    stateCodes: ['KG'],
    plannedStartDate: '2026-01-01',
    plannedEndDate: '2026-09-30',
    currentEndDate: '2026-09-30',
    internal: {},
    ...change,
  } as StaffCard;
}

describe('what waits on a project', () => {
  it('counts endorsements before submission: one for national, two for regional, none for global (rule 5)', () => {
    expect(waitingOn(card(), '2026-03-05')).toEqual([{ kind: 'endorsements', recorded: 0, needed: 1 }]);
    expect(waitingOn(card({ internal: { governmentEndorsements: { KG: {} } } }), '2026-03-05')).toEqual([{ kind: 'readyToSubmit' }]);
    expect(waitingOn(card({ coverage: 'regional', internal: { governmentEndorsements: { KG: {} } } }), '2026-03-05')).toEqual([{ kind: 'endorsements', recorded: 1, needed: 2 }]);
    expect(waitingOn(card({ coverage: 'global' }), '2026-03-05')).toEqual([{ kind: 'readyToSubmit' }]);
  });

  it('asks for a focal point once approved (rule 8)', () => {
    expect(waitingOn(card({ status: 'approved' }), '2026-03-05')).toEqual([{ kind: 'focalPoint' }]);
    expect(waitingOn(card({ status: 'approved', internal: { focalPoint: { name: 'Aibek' } } }), '2026-03-05')).toEqual([]);
  });

  it('shows the last day for requests in the 30 days before it, and the reports due from then on (rules 10, 11)', () => {
    const active = card({ status: 'active' });
    // The end is 2026-09-30: requests until 2026-08-30, shown from 2026-07-31.
    expect(waitingOn(active, '2026-07-30')).toEqual([]);
    expect(waitingOn(active, '2026-07-31')).toEqual([{ kind: 'requestDeadline', on: '2026-08-30' }]);
    expect(waitingOn(active, '2026-08-30')).toEqual([
      { kind: 'reportsDue', reports: ['final-narrative', 'final-financial'] },
      { kind: 'requestDeadline', on: '2026-08-30' },
    ]);
    expect(waitingOn(active, '2026-08-31')).toEqual([{ kind: 'reportsDue', reports: ['final-narrative', 'final-financial'] }]);
  });

  it('needs an interim report for a project of 12 months or more, extensions included, until it is accepted', () => {
    const long = card({ status: 'completed', currentEndDate: '2027-01-01' });
    expect(waitingOn(long, '2027-01-02')).toEqual([{ kind: 'reportsDue', reports: ['interim', 'final-narrative', 'final-financial'] }]);
    const reports = { 'interim-1': { kind: 'interim', status: 'accepted' }, 'final-narrative-1': { kind: 'final-narrative', status: 'submitted' } };
    expect(waitingOn({ ...long, internal: { reports } }, '2027-01-02')).toEqual([
      { kind: 'reportsDue', reports: ['final-narrative', 'final-financial'] },
      { kind: 'reportToDecide' },
    ]);
  });

  it('shows a request pending, whatever the status', () => {
    expect(waitingOn(card({ status: 'suspended', currentEndDate: '2030-01-01', internal: { pendingNoCostExtension: {} } }), '2026-03-05')).toEqual([{ kind: 'requestPending' }]);
  });

  it('takes a month before a date, to the month\'s last day when it has none', () => {
    expect(monthBefore('2026-03-31')).toBe('2026-02-28');
    expect(monthBefore('2028-03-30')).toBe('2028-02-29');
    expect(monthBefore('2026-01-15')).toBe('2025-12-15');
  });
});
