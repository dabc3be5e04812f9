import { DomainError } from '../shared/domain-error.js';
import { DEFAULT_CEILINGS, DEFAULT_FLOORS, makeFundPolicy } from './fund-policy.js';

const lists = { thematicAreas: ['labour-migration'], regions: ['africa'] };

describe('fund policy (rule 3)', () => {
  it('defaults the ceilings per funding line and coverage, in cents', () => {
    expect(DEFAULT_CEILINGS).toEqual({
      1: { national: 10_000_000, regional: 20_000_000, global: 20_000_000 },
      2: { national: 20_000_000, regional: 30_000_000, global: 30_000_000 },
    });
  });

  it('defaults the warning floors, global taking the regional floor', () => {
    expect(DEFAULT_FLOORS).toEqual({ national: 5_000_000, regional: 10_000_000, global: 10_000_000 });
  });

  it('uses the defaults and the current code lists when nothing is overridden', () => {
    expect(makeFundPolicy(lists)).toEqual({ ceilings: DEFAULT_CEILINGS, floors: DEFAULT_FLOORS, ...lists });
  });

  it('overrides one ceiling and keeps every other default', () => {
    const policy = makeFundPolicy({ ...lists, ceilings: { 2: { national: 25_000_000 } }, floors: { national: 0 } });
    expect(policy.ceilings[2]).toEqual({ national: 25_000_000, regional: 30_000_000, global: 30_000_000 });
    expect(policy.ceilings[1]).toEqual(DEFAULT_CEILINGS[1]);
    expect(policy.floors).toEqual({ ...DEFAULT_FLOORS, national: 0 });
  });

  it('refuses fractional cents, a zero ceiling, a floor above a ceiling and empty code lists, all at once', () => {
    let caught: unknown;
    try {
      makeFundPolicy({
        ceilings: { 1: { national: 0, regional: 1.5 } },
        floors: { global: 25_000_000 },
        thematicAreas: [],
        regions: [],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const error = caught as DomainError;
    expect(error.code).toBe('fund-policy.invalid');
    expect(error.errors.map((e) => e.field)).toEqual([
      'ceilings.1.national',
      'ceilings.1.regional',
      'floors.global',
      'thematicAreas',
      'regions',
    ]);
  });
});
