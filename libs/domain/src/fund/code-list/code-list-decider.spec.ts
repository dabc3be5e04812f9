import { DeciderSpecification } from '../../testing/decider-specification.js';
import { DomainError } from '../../shared/domain-error.js';
import type { CommandContext } from '../../shared/actor.js';
import { codeListDecider, codes, requireCodeListName } from './code-list-decider.js';
import { codeListStreamId, type AddCodeListEntry, type CodeListEvent } from './code-list-messages.js';
import { CODE_LIST_NAMES, DEFAULT_CODE_LISTS, publicLabelOf } from './default-code-lists.js';

const context: CommandContext = { actor: { id: 'ada', role: 'admin' }, at: '2024-02-01T08:00:00.000Z' };
const regions = DeciderSpecification.for(codeListDecider('regions'));
const themes = DeciderSpecification.for(codeListDecider('thematic-areas'));

const add = (data: Partial<AddCodeListEntry['data']>): AddCodeListEntry => ({
  type: 'AddCodeListEntry',
  data: { code: 'middle-east-and-north-africa', label: 'Middle East and North Africa', ...data },
  context,
});
const added: CodeListEvent = {
  type: 'CodeListEntryAdded',
  data: { list: 'regions', code: 'middle-east-and-north-africa', label: 'Middle East and North Africa', at: context.at, effectiveOn: context.at.slice(0, 10) },
};

describe('code lists', () => {
  it('lives in one stream per list', () => {
    expect(CODE_LIST_NAMES).toEqual(['thematic-areas', 'regions']);
    expect(codeListStreamId('regions')).toBe('code-list-regions');
  });

  it('starts every list with the fund’s defaults, so that nothing needs seeding', () => {
    expect(codes(codeListDecider('regions').initialState())).toEqual([
      'africa',
      'asia-and-oceania',
      'europe',
      'latin-america-and-the-caribbean',
      'global',
    ]);
    expect(codes(codeListDecider('thematic-areas').initialState())).toHaveLength(10);
  });

  it('shows policy and legal framework development publicly as migration policy activities', () => {
    const entry = DEFAULT_CODE_LISTS['thematic-areas'].find((e) => e.code === 'policy-and-legal-framework-development')!;
    expect(publicLabelOf(entry)).toBe('Migration policy activities');
    expect(publicLabelOf(DEFAULT_CODE_LISTS.regions[0]!)).toBe('Africa');
  });

  it('has default codes that the rule for new codes would accept', () => {
    for (const name of CODE_LIST_NAMES) {
      const spec = DeciderSpecification.for(codeListDecider(name));
      for (const entry of DEFAULT_CODE_LISTS[name]) {
        spec.given([]).when(add({ code: entry.code })).thenThrows('code-list.duplicate-entry');
      }
    }
  });

  it('lets an admin add an entry after the defaults', () => {
    regions
      .given([])
      .when(add({ label: '  Middle East and North Africa ' }))
      .thenEvents((events, state) => {
        expect(events).toEqual([added]);
        expect(codes(state).at(-1)).toBe('middle-east-and-north-africa');
      });
  });

  it('adds an entry with its own public label', () => {
    themes
      .given([])
      .when(add({ code: 'diaspora-engagement', label: 'Diaspora engagement', publicLabel: 'Diaspora' }))
      .thenEvents((_, state) => expect(state.entries.at(-1)).toEqual({ code: 'diaspora-engagement', label: 'Diaspora engagement', publicLabel: 'Diaspora' }));
  });

  it('refuses a code the list already has, default or added', () => {
    expect(regions.given([]).when(add({ code: 'europe' })).thenThrows('code-list.duplicate-entry').kind).toBe('conflict');
    regions.given([added]).when(add({})).thenThrows('code-list.duplicate-entry');
  });

  it.each(['Europe', 'north_africa', '-x', 'x-', 'a--b', 'été', '', 'a'.repeat(81)])('refuses the code %p', (code) => {
    const error = regions.given([]).when(add({ code })).thenThrows('code-list.invalid');
    expect(error.errors.map((e) => e.field)).toEqual(['code']);
  });

  it('accepts a code of exactly 80 characters', () => {
    regions.given([]).when(add({ code: 'a'.repeat(80) })).thenEvents((events) => expect(events).toHaveLength(1));
  });

  it.each(['', '   '])('refuses a blank label %p', (label) => {
    regions.given([]).when(add({ label })).thenThrows('code-list.invalid');
  });

  it('refuses a list that does not exist', () => {
    let caught: unknown;
    try {
      codeListDecider('colours');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({ code: 'code-list.unknown', kind: 'not-found' });
    expect(requireCodeListName('regions')).toBe('regions');
  });
});
