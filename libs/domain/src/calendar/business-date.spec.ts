import type { CommandContext } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { assertNotBeforeLatestStep, businessDateOf, calendarDateIn, effectiveOnOf, isTimeZone, todayOf } from './business-date.js';

const context = (fields: Partial<CommandContext> = {}): CommandContext => ({ actor: { id: 'fm', role: 'fund-manager' }, at: '2026-01-01T11:00:00.000Z', ...fields });

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the business date of a command', () => {
  it('is the date the command says', () => {
    expect(businessDateOf(context({ today: '2026-01-01', effectiveOn: '2024-03-05' }))).toBe('2024-03-05');
  });

  it("defaults to the fund's today", () => {
    expect(businessDateOf(context({ today: '2026-01-02' }))).toBe('2026-01-02');
  });

  it('falls back to the UTC date of the instant when no today was given', () => {
    expect(todayOf(context())).toBe('2026-01-01');
    expect(businessDateOf(context())).toBe('2026-01-01');
  });

  it('may be today itself', () => {
    expect(businessDateOf(context({ today: '2026-01-02', effectiveOn: '2026-01-02' }))).toBe('2026-01-02');
  });

  it.each(['2024-02-30', '05/03/2024', '2024-3-5', ''])('refuses %j as effective-on.invalid', (effectiveOn) => {
    const error = refusal(() => businessDateOf(context({ today: '2026-01-01', effectiveOn })));
    expect([error.code, error.kind, error.errors[0]?.field]).toEqual(['effective-on.invalid', 'invalid', 'effectiveOn']);
  });

  it('refuses a day after today as effective-on.in-future', () => {
    const error = refusal(() => businessDateOf(context({ today: '2026-01-01', effectiveOn: '2026-01-02' })));
    expect(error.code).toBe('effective-on.in-future');
    expect(error.detail).toContain('2026-01-01');
  });
});

describe('never before the step it follows', () => {
  it('refuses a date before the latest step, naming that step and its date', () => {
    const error = refusal(() => assertNotBeforeLatestStep('2024-03-04', { type: 'ProjectApproved', effectiveOn: '2024-03-05' }));
    expect([error.code, error.kind]).toEqual(['effective-on.before-previous-step', 'conflict']);
    expect(error.detail).toBe('effectiveOn 2024-03-04 is before the previous step, ProjectApproved on 2024-03-05');
  });

  it('allows the same day and any later one, and anything on a new stream', () => {
    expect(() => assertNotBeforeLatestStep('2024-03-05', { type: 'ProjectApproved', effectiveOn: '2024-03-05' })).not.toThrow();
    expect(() => assertNotBeforeLatestStep('2024-03-06', { type: 'ProjectApproved', effectiveOn: '2024-03-05' })).not.toThrow();
    expect(() => assertNotBeforeLatestStep('1999-01-01', undefined)).not.toThrow();
  });
});

describe('the business date of a recorded event', () => {
  it('is its effectiveOn', () => {
    expect(effectiveOnOf({ at: '2026-01-01T11:00:00.000Z', effectiveOn: '2024-03-05' })).toBe('2024-03-05');
  });

  it('is the UTC date of its instant for an event recorded before business dates', () => {
    expect(effectiveOnOf({ at: '2019-01-10T23:30:00.000Z' })).toBe('2019-01-10');
    expect(effectiveOnOf({ at: '2020-02-29T23:30:00-02:00' })).toBe('2020-03-01');
  });
});

describe("the fund's calendar", () => {
  it('gives the date at an instant in a time zone', () => {
    expect(calendarDateIn('2026-01-01T11:00:00.000Z', 'Pacific/Kiritimati')).toBe('2026-01-02');
    expect(calendarDateIn('2026-01-01T23:30:00.000Z', 'Europe/Zurich')).toBe('2026-01-02');
    expect(calendarDateIn('2026-01-01T09:30:00.000Z', 'Pacific/Pago_Pago')).toBe('2025-12-31');
    expect(calendarDateIn('2026-01-01T11:00:00.000Z', 'UTC')).toBe('2026-01-01');
  });

  it('knows IANA zone names and refuses others', () => {
    expect(isTimeZone('Europe/Zurich')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
