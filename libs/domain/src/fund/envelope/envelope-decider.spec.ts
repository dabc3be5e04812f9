import { DeciderSpecification } from '../../testing/decider-specification.js';
import type { CommandContext } from '../../shared/actor.js';
import { cents, type Cents } from '../../shared/money.js';
import { fold } from '../../shared/decider.js';
import { availableInEnvelope, envelopeDecider, reservedForProject } from './envelope-decider.js';
import { envelopeStreamId, type EnvelopeCommand, type ReleasePurpose } from './envelope-commands.js';
import type { EnvelopeEvent } from './envelope-events.js';

const spec = DeciderSpecification.for(envelopeDecider);
const admin: CommandContext = { actor: { id: 'ada', role: 'admin' }, at: '2019-01-15T09:00:00.000Z' };
const app: CommandContext = { actor: { id: 'bea', role: 'approver' }, at: '2019-06-01T10:00:00.000Z' };
const usd = (dollars: number): Cents => cents(dollars * 100);
const facts = (at: string) => ({ year: 2019, fundingLine: 1 as const, at, effectiveOn: at.slice(0, 10) });

// The published 2019 size of line 1.
const opened: EnvelopeEvent = { type: 'EnvelopeOpened', data: { ...facts(admin.at), amount: usd(1_479_887) } };
const reserved = (projectId: string, amount: Cents, reservedAfter: Cents): EnvelopeEvent => ({
  type: 'FundsReserved',
  data: { ...facts(app.at), projectId, amount, purpose: 'approval', reservedAfter },
});

const open = (data: Partial<{ year: number; fundingLine: number; amount: number }> = {}): EnvelopeCommand =>
  ({ type: 'OpenEnvelope', data: { year: 2019, fundingLine: 1, amount: usd(1_479_887), ...data }, context: admin }) as EnvelopeCommand;
const adjust = (newAmount: number, ...why: [reason?: string]): EnvelopeCommand => ({
  type: 'AdjustEnvelope',
  data: { newAmount: newAmount as Cents },
  context: admin,
  reason: why.length === 0 ? 'donor top-up' : why[0],
});
const reserve = (projectId: string, amount: number, purpose: 'approval' | 'budget-revision' = 'approval'): EnvelopeCommand => ({
  type: 'ReserveFunds',
  data: { projectId, amount: amount as Cents, purpose },
  context: app,
});
const release = (projectId: string, amount: number, purpose: ReleasePurpose = 'cancellation'): EnvelopeCommand => ({
  type: 'ReleaseFunds',
  data: { projectId, amount: amount as Cents, purpose },
  context: app,
});

describe('funding envelope', () => {
  it('lives in one stream per (year, funding line)', () => {
    expect(envelopeStreamId(2019, 2)).toBe('envelope-2019-2');
  });

  describe('opening', () => {
    it('opens the envelope of a year and funding line', () => {
      spec.given([]).when(open()).then([opened]);
    });

    it('opens an envelope of zero, to be funded later', () => {
      spec.given([]).when(open({ amount: 0 })).thenEvents(([event]) => expect(event!.data).toMatchObject({ amount: 0 }));
    });

    it('opens an envelope only once', () => {
      spec.given([opened]).when(open()).thenThrows('envelope.already-open');
    });

    it('refuses a year outside 2000–2100 and a funding line other than 1 or 2, naming both fields', () => {
      const error = spec.given([]).when(open({ year: 1999, fundingLine: 3 })).thenThrows('envelope.invalid');
      expect(error.kind).toBe('invalid');
      expect(error.errors.map((e) => e.field)).toEqual(['year', 'fundingLine']);
    });

    it.each([2019.5, 2101])('refuses the year %p', (year) => {
      spec.given([]).when(open({ year })).thenThrows('envelope.invalid');
    });

    it.each([-1, 0.5])('refuses an envelope of %p cents', (amount) => {
      spec.given([]).when(open({ amount })).thenThrows('money.invalid-amount');
    });
  });

  describe('anything but opening needs an open envelope', () => {
    it.each([adjust(usd(10)), reserve('PO.0143', usd(10)), release('PO.0143', usd(10))])(
      'refuses $type on an envelope that was never opened',
      (command) => {
        expect(spec.given([]).when(command).thenThrows('envelope.not-open').kind).toBe('conflict');
      },
    );
  });

  describe('adjusting', () => {
    it('resizes the envelope and records the previous size and why', () => {
      spec
        .given([opened])
        .when(adjust(usd(1_600_000)))
        .then([
          {
            type: 'EnvelopeAdjusted',
            data: { ...facts(admin.at), previousAmount: usd(1_479_887), newAmount: usd(1_600_000), reason: 'donor top-up' },
          },
        ]);
    });

    it.each([undefined, '', '   '])('refuses an adjustment without a reason (%p)', (reason) => {
      spec.given([opened]).when(adjust(usd(1_600_000), reason)).thenThrows('reason.required');
    });

    it('refuses to shrink the envelope below what is already reserved', () => {
      const error = spec
        .given([opened, reserved('PO.0143', usd(1_000_000), usd(1_000_000))])
        .when(adjust(usd(999_999)))
        .thenThrows('envelope.below-reserved');
      expect(error.kind).toBe('conflict');
    });

    it('shrinks the envelope down to exactly what is reserved', () => {
      spec
        .given([opened, reserved('PO.0143', usd(1_000_000), usd(1_000_000))])
        .when(adjust(usd(1_000_000)))
        .thenEvents((_, state) => expect(availableInEnvelope(state)).toBe(0));
    });

    it('records nothing when the size does not change', () => {
      spec.given([opened]).when(adjust(usd(1_479_887))).then([]);
    });

    it('refuses a negative size', () => {
      spec.given([opened]).when(adjust(-1)).thenThrows('money.invalid-amount');
    });
  });

  describe('reserving (rule 7)', () => {
    it('reserves an approved budget and states the total reserved after it', () => {
      spec
        .given([opened, reserved('PO.0100', usd(100_000), usd(100_000))])
        .when(reserve('PO.0143', 3_788_700))
        .then([reserved('PO.0143', cents(3_788_700), usd(137_887))]);
    });

    it('reserves the whole envelope to the last cent', () => {
      spec
        .given([opened])
        .when(reserve('PO.0143', usd(1_479_887)))
        .thenEvents((_, state) => expect(availableInEnvelope(state)).toBe(0));
    });

    it('refuses a reservation the envelope has no room for, saying what is available and what was asked', () => {
      const error = spec
        .given([opened, reserved('PO.0100', usd(1_450_000), usd(1_450_000))])
        .when(reserve('PO.0143', 3_788_701))
        .thenThrows('envelope.exhausted');
      expect(error.kind).toBe('conflict');
      expect(error.detail).toContain('29887.00');
      expect(error.detail).toContain('37887.01');
    });

    it('adds an upward budget revision to what the project already holds', () => {
      spec
        .given([opened, reserved('PO.0143', usd(37_887), usd(37_887))])
        .when(reserve('PO.0143', usd(10_000), 'budget-revision'))
        .thenEvents((events, state) => {
          expect(events[0]!.data).toMatchObject({ purpose: 'budget-revision', reservedAfter: usd(47_887) });
          expect(reservedForProject(state, 'PO.0143')).toBe(usd(47_887));
        });
    });

    it.each([0, -100, 10.5])('refuses to reserve %p cents', (amount) => {
      spec.given([opened]).when(reserve('PO.0143', amount)).thenThrows('money.invalid-amount');
    });
  });

  describe('releasing (rules 10 and 12)', () => {
    const held = [opened, reserved('PO.0143', usd(37_887), usd(37_887)), reserved('PO.0200', usd(50_000), usd(87_887))];

    it('releases what a cancelled project did not disburse back into the envelope', () => {
      spec
        .given(held)
        .when(release('PO.0143', usd(30_000)))
        .then([
          {
            type: 'FundsReleased',
            data: { ...facts(app.at), projectId: 'PO.0143', amount: usd(30_000), purpose: 'cancellation', reservedAfter: usd(57_887) },
          },
        ]);
    });

    it('forgets a project once everything it held is released', () => {
      spec
        .given(held)
        .when(release('PO.0143', usd(37_887), 'closure'))
        .thenEvents((_, state) => {
          expect(state.reservedByProject.toJSON()).toEqual({ 'PO.0200': usd(50_000) });
          expect(state.reserved).toBe(usd(50_000));
        });
    });

    it('refuses to release more than that project holds, even when others hold more', () => {
      const error = spec.given(held).when(release('PO.0143', usd(37_887) + 1)).thenThrows('envelope.release-exceeds-reservation');
      expect(error.kind).toBe('conflict');
    });

    it('refuses to release for a project that holds nothing, whatever its id', () => {
      spec.given(held).when(release('constructor', 1, 'compensation')).thenThrows('envelope.release-exceeds-reservation');
    });

    it('refuses to release zero', () => {
      spec.given(held).when(release('PO.0143', 0)).thenThrows('money.invalid-amount');
    });
  });

  it('folds the whole history into the envelope use', () => {
    const state = fold(envelopeDecider, [
      opened,
      reserved('PO.0143', usd(37_887), usd(37_887)),
      { type: 'EnvelopeAdjusted', data: { ...facts(admin.at), previousAmount: usd(1_479_887), newAmount: usd(1_500_000), reason: 'x' } },
    ]);
    expect(JSON.parse(JSON.stringify(state))).toEqual({
      status: 'open',
      year: 2019,
      fundingLine: 1,
      amount: usd(1_500_000),
      reserved: usd(37_887),
      reservedByProject: { 'PO.0143': usd(37_887) },
    });
    expect(reservedForProject(state, 'PO.0143')).toBe(usd(37_887));
    expect(availableInEnvelope(state)).toBe(usd(1_462_113));
  });
});

describe('business dates of envelope commands', () => {
  it('stamps the event with the business date, and refuses one in the future', () => {
    const dated = (effectiveOn: string): EnvelopeCommand => ({ ...open(), context: { ...admin, today: '2019-01-15', effectiveOn } });
    spec.given([]).when(dated('2019-01-02')).thenEvents(([event]) => expect(event!.data).toMatchObject({ at: admin.at, effectiveOn: '2019-01-02' }));
    spec.given([]).when(dated('2019-01-16')).thenThrows('effective-on.in-future');
  });
});
