import { MAX_DEPTH, refusedInput } from './request-input.js';

describe('refusedInput: what no request may carry', () => {
  it('accepts the deepest body the API takes, in any script, with tabs and newlines in free text', () => {
    const draft = {
      title: { ar: 'دعم دائرة الهجرة', ka: 'მიგრაციის პოლიტიკა', en: 'Line one\n\tline two 🙂' },
      beneficiaryStates: [{ code: 'KG', share: '50' }],
      budget: { staffAndOfficeCosts: '1.00', operationalCosts: '2.00' },
    };
    expect(refusedInput(draft, '')).toEqual([]);
  });

  it('names every field holding NUL or an unpaired surrogate, and keeps a paired one', () => {
    const body = { title: { en: 'a\u0000b', fr: 'ok 😀' }, list: ['x', '\ud800'], reason: '\udc00' };
    expect(refusedInput(body, '').map((error) => error.field)).toEqual(['list.1', 'reason', 'title.en']);
  });

  it('refuses null anywhere, prototype keys, and a key holding NUL', () => {
    const body = JSON.parse('{"budget":null,"__proto__":{"x":1},"a":{"constructor":1},"t":{"e\\u0000n":"x"}}');
    expect(refusedInput(body, '').map((error) => error.field)).toEqual(['__proto__', 'a.constructor', 'budget', 't.(key)']);
  });

  it(`refuses nesting past ${MAX_DEPTH} levels without recursing, even 100,000 levels deep`, () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
    const errors = refusedInput(deep, '');
    expect(errors).toEqual([{ field: Array(MAX_DEPTH).fill('a').join('.'), message: `is nested deeper than ${MAX_DEPTH} levels` }]);
  });

  it('prefixes fields with the root it is given', () => {
    expect(refusedInput({ id: '\u0000' }, 'query')).toEqual([{ field: 'query.id', message: expect.any(String) }]);
  });
});
