import { DEFAULT_CODE_LISTS } from '../fund/code-list/default-code-lists.js';
import { countryCodeOf } from '../geography/country-names.js';
import { DomainError } from '../shared/domain-error.js';
import { parseListAmount } from './amounts.js';
import { codeOfLabel, coverageOfLabel, statusOfLabel } from './labels.js';
import { dateOf, readProjectRow } from './project-row.js';
import { readCsv, readJsonLines } from './source-rows.js';

const LISTS = { thematicAreas: DEFAULT_CODE_LISTS['thematic-areas'], regions: DEFAULT_CODE_LISTS.regions };

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'no refusal';
}

describe('amounts of the published lists', () => {
  it.each([
    ['37,887.00', 'en', 3_788_700],
    ['37887', 'en', 3_788_700],
    ['37 887,00', 'fr', 3_788_700],
    ['37\u202f887,5', 'fr', 3_788_750],
    ['37.887,00', 'es', 3_788_700],
    ['1.479.887', 'es', 147_988_700],
    ['37887.00', 'fr', 3_788_700],
    ['USD 1,479,887.00', 'en', 147_988_700],
  ] as const)('reads %s in %s as %i cents', (text, language, expected) => {
    expect(parseListAmount(text, language, 'budget')).toBe(expected);
  });

  it('refuses an amount written the way of another language, and one with three decimals', () => {
    expect(codeOf(() => parseListAmount('37.887,00', 'en', 'budget'))).toBe('import.malformed-amount');
    expect(codeOf(() => parseListAmount('37,887.00', 'fr', 'budget'))).toBe('import.malformed-amount');
    expect(codeOf(() => parseListAmount('37,887', 'es', 'budget'))).toBe('import.malformed-amount');
    expect(codeOf(() => parseListAmount('37887.001', 'en', 'budget'))).toBe('import.malformed-amount');
    expect(codeOf(() => parseListAmount('37,88', 'en', 'budget'))).toBe('import.malformed-amount');
  });

  it('refuses "37,887" when no language says whether the comma groups or separates decimals', () => {
    expect(codeOf(() => parseListAmount('37,887', undefined, 'budget'))).toBe('import.ambiguous-amount');
    expect(parseListAmount('37,887.00', undefined, 'budget')).toBe(3_788_700);
  });
});

describe('labels and country names in English, French and Spanish', () => {
  it.each([
    ['Completed', 'completed', 'en'],
    ['Achevé', 'completed', 'fr'],
    ['ACHEVE', 'completed', 'fr'],
    ['Finalizado', 'completed', 'es'],
    ['En cours', 'active', 'fr'],
    ['En curso', 'active', 'es'],
    ['Clôturé', 'closed', 'fr'],
    ['Cancelado', 'cancelled', 'es'],
  ] as const)('reads status %s as %s (%s)', (label, status, language) => {
    expect(statusOfLabel(label)).toEqual({ status, language });
  });

  it('reads regions, thematic areas and coverage in the three languages, and an entry an admin added', () => {
    for (const label of ['Asia and Oceania', 'Asie et Océanie', 'Asia y Oceanía']) expect(codeOfLabel(label, LISTS.regions)).toBe('asia-and-oceania');
    for (const label of ['Migration policy activities', 'Activités de politique migratoire', 'Actividades de política migratoria']) {
      expect(codeOfLabel(label, LISTS.thematicAreas)).toBe('policy-and-legal-framework-development');
    }
    expect(codeOfLabel('Arctic', [...LISTS.regions, { code: 'arctic', label: 'Arctic (internal)', publicLabel: 'Arctic' }])).toBe('arctic');
    expect(codeOfLabel('Atlantide', LISTS.regions)).toBeUndefined();
    expect([coverageOfLabel('Nationale'), coverageOfLabel('Regional'), coverageOfLabel('Mundial')]).toEqual(['national', 'regional', 'global']);
  });

  it('names countries in en/fr/es, as codes, folding case, accents and apostrophes', () => {
    for (const name of ['Kyrgyzstan', 'Kirghizistan', 'Kirghizstan', 'Kirguistán', 'KYRGYZSTAN', 'kg', 'Kyrgyz Republic']) expect(countryCodeOf(name)).toBe('KG');
    for (const name of ["Côte d'Ivoire", 'Côte d’Ivoire', 'Cote dIvoire', 'Ivory Coast']) expect(countryCodeOf(name)).toBe('CI');
    expect(countryCodeOf('Perú')).toBe('PE');
    expect(countryCodeOf('Atlantis')).toBeUndefined();
  });

  it('maps a bare year to the first day of a start year and the last day of an end year', () => {
    expect([dateOf('2019', 'start', 'start'), dateOf('2020', 'end', 'end')]).toEqual(['2019-01-01', '2020-12-31']);
    expect(codeOf(() => dateOf('03/2019', 'start', 'start'))).toBe('import.malformed-date');
  });
});

describe('rows of the published list', () => {
  it('reads RFC 4180 CSV: quotes, doubled quotes, line breaks inside a field, the line each record starts on', () => {
    const { rows, unreadable } = readCsv('a,b\r\n1,"x ""y"", z"\r\n2,"two\nlines"\n3,"open\n');
    expect(rows).toEqual([
      { line: 2, fields: { a: '1', b: 'x "y", z' } },
      { line: 3, fields: { a: '2', b: 'two\nlines' } },
    ]);
    expect(unreadable).toEqual([{ line: 5, code: 'import.malformed-row', message: 'a quoted field is not closed' }]);
  });

  it('reads the published record PO.0143 from an English row', () => {
    const [row] = readCsv(
      'Project ID,Prima ID,Title,Status,Type,Coverage,Funding line,IDF Region,Eligible beneficiary Member States,Start,End,Year,Budget Amount (USD)\n' +
        'PO.0143,KG10P0501,Migration policy,Completed,Migration policy activities,National,1,Asia and Oceania,Kyrgyzstan,2019,2020,2019,"37,887.00"\n',
    ).rows;
    expect(readProjectRow(row!, LISTS)).toEqual({
      projectId: 'PO.0143',
      record: expect.objectContaining({
        primaId: 'KG10P0501',
        title: { en: 'Migration policy' },
        status: 'completed',
        thematicArea: 'policy-and-legal-framework-development',
        coverage: 'national',
        fundingLine: 1,
        region: 'asia-and-oceania',
        beneficiaryStates: [{ code: 'KG' }],
        plannedStartDate: '2019-01-01',
        plannedEndDate: '2020-12-31',
        year: 2019,
        budget: { staffAndOfficeCosts: 0, operationalCosts: 3_788_700 },
        breakdownGiven: false,
        disbursed: 0,
        spent: 0,
      }),
    });
  });

  it('reads a Spanish JSON Lines row with per-language titles and a list of states', () => {
    const { rows } = readJsonLines(
      JSON.stringify({ project_id: 'PO.0161', prima_id: 'PE10P0702', title: { es: 'Fronteras', ru: 'Границы' }, status: 'En curso', type: 'Gestión de fronteras', coverage: 'Regional', funding_line: '1', region: 'América Latina y el Caribe', beneficiary_states: ['Perú', 'Bolivia'], start: '2019', end: '2021', year: '2019', budget: '180.000,00', disbursed: '90.000,00' }),
    );
    expect(readProjectRow(rows[0]!, LISTS).record).toMatchObject({ title: { es: 'Fronteras', ru: 'Границы' }, beneficiaryStates: [{ code: 'PE' }, { code: 'BO' }], budget: { operationalCosts: 18_000_000 }, disbursed: 9_000_000 });
  });
});
