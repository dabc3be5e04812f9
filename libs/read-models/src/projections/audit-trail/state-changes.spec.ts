import { PersistentRecord } from '#domain';
import { stateChanges } from './state-changes.js';

const MAP_FIELDS = new Set(['title', 'transactions']);

/** The same value with nothing shared, as it comes back from the store: every structure a new object, maps plain. */
function unshared(value: unknown): unknown {
  if (value instanceof PersistentRecord) return unshared(value.toJSON());
  if (Array.isArray(value)) return value.map(unshared);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unshared(inner)]));
  }
  return value;
}

const initial = {
  status: 'draft',
  title: { en: 'Migration policy', fr: 'Politique migratoire' },
  budget: { staffAndOfficeCosts: 1_000_000, operationalCosts: 2_788_700, detail: { lines: [1, 2, 3] } },
  location: { coverage: 'national', countries: ['GE'] },
  transactions: PersistentRecord.of<unknown>({ 't-1': { amount: 500, kind: 'disbursement' } }),
  focalPoint: null,
};

/** Steps a fold could take, each building the next state from the previous one as folds do. */
const steps: Array<[string, (state: typeof initial) => Record<string, unknown>]> = [
  ['one nested leaf', (state) => ({ ...state, budget: { ...state.budget, operationalCosts: 3_000_000 } })],
  ['a top-level leaf', (state) => ({ ...state, status: 'submitted' })],
  ['a map entry added', (state) => ({ ...state, transactions: state.transactions.with('t-2', { amount: 70, kind: 'expenditure' }) })],
  ['a map entry removed', (state) => ({ ...state, transactions: state.transactions.without('t-1') })],
  ['a plain map entry changed', (state) => ({ ...state, title: { ...state.title, fr: 'Renforcer la politique' } })],
  ['null becomes a structure', (state) => ({ ...state, focalPoint: { name: 'Nino', email: 'nino@example.org' } })],
  ['a structure becomes a leaf', (state) => ({ ...state, location: 'withdrawn' })],
  ['a field removed', (state) => {
    const { budget: _budget, ...rest } = state;
    return rest;
  }],
  ['an array replaced by an equal one', (state) => ({ ...state, location: { ...state.location, countries: ['GE'] } })],
  ['nothing', (state) => ({ ...state })],
  ['the same state', (state) => state],
];

describe('state changes', () => {
  it.each(steps)('finds the same changes whether the states share their unchanged parts or not: %s', (_name, step) => {
    const after = step(initial);

    const shared = stateChanges(initial, after, MAP_FIELDS);

    expect(shared).toEqual(stateChanges(unshared(initial), unshared(after), MAP_FIELDS));
  });

  it('shows a changed leaf inside a structure the fold carried over, and nothing of what it left alone', () => {
    const after = { ...initial, budget: { ...initial.budget, operationalCosts: 3_000_000 }, status: 'submitted' };

    expect(stateChanges(initial, after, MAP_FIELDS)).toEqual([
      { field: 'budget.operationalCosts', before: 2_788_700, after: 3_000_000 },
      { field: 'status', before: 'draft', after: 'submitted' },
    ]);
  });

  it('shows every leaf of a structure that appears or goes away, with null on the other side', () => {
    const withFocalPoint = { ...initial, focalPoint: undefined, contact: { name: 'Nino', phone: '+995' } };

    expect(stateChanges(initial, withFocalPoint, MAP_FIELDS)).toEqual([
      { field: 'contact.name', before: null, after: 'Nino' },
      { field: 'contact.phone', before: null, after: '+995' },
    ]);
    expect(stateChanges(withFocalPoint, initial, MAP_FIELDS)).toEqual([
      { field: 'contact.name', before: 'Nino', after: null },
      { field: 'contact.phone', before: '+995', after: null },
    ]);
  });

  it('compares arrays whole, whatever the key order of their elements', () => {
    const before = { items: [{ a: 1, b: 2 }] };

    expect(stateChanges(before, { items: [{ b: 2, a: 1 }] }, MAP_FIELDS)).toEqual([]);
    expect(stateChanges(before, { items: [{ a: 1, b: 3 }] }, MAP_FIELDS)).toEqual([
      { field: 'items', before: [{ a: 1, b: 2 }], after: [{ a: 1, b: 3 }] },
    ]);
  });
});
