import { documentFilter, filterConditions, literalPattern, storedField } from './document-filter.js';

const scope = { projection: 'portfolio', generation: 2, collection: 'projects' };
const notArray = { $not: { $type: 'array' } };

describe('document filters on MongoDB', () => {
  it('selects the collection of the generation', () => {
    expect(documentFilter(scope, {})).toEqual({ projection: 'portfolio', generation: 2, collection: 'projects' });
  });

  it('refuses bad names and generations', () => {
    expect(() => documentFilter({ ...scope, projection: 'a|b' }, {})).toThrow(RangeError);
    expect(() => documentFilter({ ...scope, collection: '' }, {})).toThrow(RangeError);
    expect(() => documentFilter({ ...scope, generation: 0 }, {})).toThrow(RangeError);
  });

  it('maps a dotted path into the stored document', () => {
    expect(storedField('location.region')).toBe('doc.location.region');
    for (const bad of ['', 'a..b', '.a', 'a b', 'a-b', '$where', 'a.$b']) expect(() => storedField(bad)).toThrow(RangeError);
  });

  it('matches eq and in against scalars only, never an array holding the value', () => {
    expect(filterConditions({ fields: [{ field: 'status', op: 'eq', value: 'approved' }] })).toEqual([
      { 'doc.status': { $eq: 'approved', ...notArray } },
    ]);
    expect(filterConditions({ fields: [{ field: 'flagged', op: 'eq', value: false }] })).toEqual([
      { 'doc.flagged': { $eq: false, ...notArray } },
    ]);
    expect(filterConditions({ fields: [{ field: 'year', op: 'in', value: [2023, '2024'] }] })).toEqual([
      { 'doc.year': { $in: [2023, '2024'], ...notArray } },
    ]);
  });

  it('never looks into arrays on the way to a nested field', () => {
    expect(filterConditions({ fields: [{ field: 'a.b.c', op: 'eq', value: 1 }] })).toEqual([
      { 'doc.a': notArray },
      { 'doc.a.b': notArray },
      { 'doc.a.b.c': { $eq: 1, ...notArray } },
    ]);
  });

  it('matches contains against arrays only', () => {
    expect(filterConditions({ fields: [{ field: 'stateCodes', op: 'contains', value: 'GE-KA' }] })).toEqual([
      { 'doc.stateCodes': { $elemMatch: { $eq: 'GE-KA' } } },
    ]);
  });

  it('compares ranges with the bound, which MongoDB does within the bound’s type only', () => {
    expect(
      filterConditions({
        fields: [
          { field: 'budget', op: 'gt', value: 10 },
          { field: 'budget', op: 'lt', value: 2_000_000 },
          { field: 'awaitingSince', op: 'gte', value: '2024-02-01' },
          { field: 'awaitingSince', op: 'lte', value: '2024-03-01' },
        ],
      }),
    ).toEqual([
      { 'doc.budget': { $gt: 10, ...notArray } },
      { 'doc.budget': { $lt: 2_000_000, ...notArray } },
      { 'doc.awaitingSince': { $gte: '2024-02-01', ...notArray } },
      { 'doc.awaitingSince': { $lte: '2024-03-01', ...notArray } },
    ]);
  });

  it('puts every condition under one $and beside the scope', () => {
    expect(
      documentFilter(scope, {
        fields: [
          { field: 'status', op: 'eq', value: 'approved' },
          { field: 'year', op: 'eq', value: 2024 },
        ],
      }),
    ).toEqual({
      ...scope,
      $and: [{ 'doc.status': { $eq: 'approved', ...notArray } }, { 'doc.year': { $eq: 2024, ...notArray } }],
    });
  });

  it.each([
    [{ field: 'status', op: 'eq', value: { $ne: 1 } }],
    [{ field: 'status', op: 'eq', value: Number.NaN }],
    [{ field: 'status', op: 'in', value: 'draft' }],
    [{ field: 'status', op: 'in', value: [true] }],
    [{ field: 'status', op: 'contains', value: null }],
    [{ field: 'budget', op: 'gte', value: Number.POSITIVE_INFINITY }],
    [{ field: 'budget', op: 'gte', value: true }],
    [{ field: 'budget', op: 'regex', value: '.*' }],
  ])('refuses %j', (filter) => {
    expect(() => filterConditions({ fields: [filter as never] })).toThrow(RangeError);
  });

  describe('text', () => {
    it('requires each distinct normalised word as a literal substring of searchText', () => {
      expect(filterConditions({ text: '  Water  WATER ᲗᲑᲘᲚᲘᲡᲘᲡ\tا\u0653منة ' })).toEqual([
        { 'doc.searchText': { $regex: 'water' } },
        { 'doc.searchText': { $regex: 'თბილისის' } },
        { 'doc.searchText': { $regex: 'امنه' } },
      ]);
      expect(filterConditions({ text: ' \t ' })).toEqual([]);
    });

    it('escapes every character a pattern gives a meaning to', () => {
      expect(literalPattern('100%')).toBe('100%');
      expect(literalPattern('back\\slash')).toBe('back\\\\slash');
      expect(literalPattern('a.b*c+d?e^f$g|h(i)j[k]l{m}n/o-p')).toBe(
        'a\\.b\\*c\\+d\\?e\\^f\\$g\\|h\\(i\\)j\\[k\\]l\\{m\\}n\\/o\\-p',
      );
      expect(literalPattern('nul\u0000')).toBe('nul\\x{0}');
      // What the escaped pattern matches, checked with JavaScript's engine (same syntax here).
      const text = 'p5 under_score and back\\slash (a.b) [x] 100% $5';
      for (const word of ['back\\slash', '(a.b)', '[x]', '100%', '$5', '_']) {
        expect(new RegExp(literalPattern(word)).test(text)).toBe(true);
      }
      expect(new RegExp(literalPattern('a.b')).test('axb')).toBe(false);
    });
  });
});
