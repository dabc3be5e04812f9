import type { CodeListEntry } from '../fund/code-list/default-code-lists.js';
import { countryCodeOf } from '../geography/country-names.js';
import type { ImportedRecordInput } from '../project/commands.js';
import { DomainError } from '../shared/domain-error.js';
import { cents, type Cents } from '../shared/money.js';
import { parseListAmount, type ListLanguage } from './amounts.js';
import { foldLabel } from './folding.js';
import { codeOfLabel, coverageOfLabel, statusOfLabel } from './labels.js';
import type { SourceRow } from './source-rows.js';

/** The code lists in force, with their labels, that a row's type and region are read against. */
export interface ImportCodeLists {
  thematicAreas: readonly CodeListEntry[];
  regions: readonly CodeListEntry[];
}

/**
 * The column names each field is found under, folded (lower case, no accents, `_` between
 * words): "Budget Amount (USD)" is `budget_amount_usd`, "Année" is `annee`.
 */
const COLUMNS = {
  projectId: ['project_id', 'projectid', 'id_du_projet', 'id_projet', 'id_del_proyecto', 'id_proyecto'],
  primaId: ['prima_id', 'primaid', 'id_prima'],
  language: ['language', 'lang', 'langue', 'idioma'],
  status: ['status', 'statut', 'estado'],
  thematicArea: ['type', 'project_type', 'thematic_area', 'theme', 'type_de_projet', 'domaine_thematique', 'tipo', 'tipo_de_proyecto', 'area_tematica'],
  coverage: ['coverage', 'couverture', 'cobertura'],
  fundingLine: ['funding_line', 'line', 'ligne', 'ligne_de_financement', 'linea', 'linea_de_financiacion', 'linea_de_financiamiento'],
  region: ['idf_region', 'region', 'region_idf', 'region_fdi', 'region_del_fdm', 'region_fdm'],
  states: [
    'eligible_beneficiary_member_states',
    'beneficiary_states',
    'states',
    'countries',
    'etats_membres_beneficiaires_eligibles',
    'etats_beneficiaires',
    'pays',
    'estados_miembros_beneficiarios_elegibles',
    'estados_beneficiarios',
    'paises',
  ],
  plannedStart: ['start', 'planned_start', 'planned_start_date', 'debut', 'date_de_debut', 'inicio', 'fecha_de_inicio'],
  plannedEnd: ['end', 'planned_end', 'planned_end_date', 'fin', 'date_de_fin', 'fecha_de_finalizacion', 'fecha_de_fin'],
  actualStart: ['actual_start', 'actual_start_date', 'debut_effectif', 'inicio_real'],
  actualEnd: ['actual_end', 'actual_end_date', 'fin_effective', 'fin_real'],
  year: ['year', 'annee', 'ano'],
  budget: ['budget_amount_usd', 'budget', 'budget_usd', 'montant_du_budget_usd', 'budget_en_usd', 'presupuesto', 'presupuesto_usd', 'monto_del_presupuesto_usd'],
  staffAndOfficeCosts: ['staff_and_office_costs', 'frais_de_personnel_et_de_bureau', 'gastos_de_personal_y_oficina'],
  operationalCosts: ['operational_costs', 'couts_operationnels', 'gastos_operacionales'],
  disbursed: ['disbursed', 'disbursed_usd', 'decaisse', 'montant_decaisse', 'desembolsado'],
  spent: ['spent', 'spent_usd', 'depense', 'montant_depense', 'gastado', 'ejecutado'],
} as const;
const TITLE_COLUMNS = ['title', 'titre', 'titulo'];
const DESCRIPTION_COLUMNS = ['description', 'descripcion'];

const LANGUAGES: Readonly<Record<string, ListLanguage>> = {
  en: 'en', english: 'en', anglais: 'en', ingles: 'en',
  fr: 'fr', french: 'fr', francais: 'fr', frances: 'fr',
  es: 'es', spanish: 'es', espagnol: 'es', espanol: 'es',
};

export interface ReadRow {
  projectId: string;
  record: ImportedRecordInput;
}

function columnKey(name: string): string {
  return foldLabel(name).replaceAll(' ', '_');
}

/**
 * One row of a published list as a project record, or a DomainError with a stable code
 * (unknown label, country, malformed amount or date). The rules of the record itself
 * (shape, coverage, money) are the ImportProject decision's, not this reader's.
 */
/** The project id a row names, if any: to report a refused row by its project too. */
export function projectIdOfRow(row: SourceRow): string | undefined {
  for (const [name, value] of Object.entries(row.fields)) {
    if ((COLUMNS.projectId as readonly string[]).includes(columnKey(name)) && value.trim() !== '') return value.trim().toUpperCase();
  }
  return undefined;
}

export function readProjectRow(row: SourceRow, lists: ImportCodeLists): ReadRow {
  const byKey = new Map(Object.entries(row.fields).map(([name, value]) => [columnKey(name), value.trim()]));
  const get = (field: keyof typeof COLUMNS): string | undefined => {
    for (const name of COLUMNS[field]) {
      const value = byKey.get(name);
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const need = (field: keyof typeof COLUMNS): string => {
    const value = get(field);
    if (value === undefined) throw new DomainError('import.missing-field', `the row has no ${field}`, 'invalid', [{ field, message: 'is missing' }]);
    return value;
  };

  const statusLabel = need('status');
  const status = statusOfLabel(statusLabel);
  if (status === undefined) throw unknownLabel('status', statusLabel);
  const languageLabel = get('language');
  const language = languageLabel === undefined ? status.language : LANGUAGES[foldLabel(languageLabel)];
  if (language === undefined) {
    throw new DomainError('import.unknown-language', `language "${languageLabel}" is not English, French or Spanish (en, fr, es)`, 'invalid');
  }

  const thematicArea = codeOfLabel(need('thematicArea'), lists.thematicAreas) ?? (() => { throw unknownLabel('type', get('thematicArea')!); })();
  const region = codeOfLabel(need('region'), lists.regions) ?? (() => { throw unknownLabel('region', get('region')!); })();
  const coverage = coverageOfLabel(need('coverage')) ?? (() => { throw unknownLabel('coverage', get('coverage')!); })();
  const budgetTotal = parseListAmount(need('budget'), language, 'budget');
  const staff = get('staffAndOfficeCosts');
  const operational = get('operationalCosts');
  const breakdownGiven = staff !== undefined || operational !== undefined;
  const budget = breakdownGiven
    ? {
        staffAndOfficeCosts: staff === undefined ? cents(0) : parseListAmount(staff, language, 'staffAndOfficeCosts'),
        operationalCosts: operational === undefined ? cents(0) : parseListAmount(operational, language, 'operationalCosts'),
      }
    : // Only a total: recorded as operational costs (see ImportedFields.breakdownGiven).
      { staffAndOfficeCosts: cents(0), operationalCosts: budgetTotal };
  if (breakdownGiven && budget.staffAndOfficeCosts + budget.operationalCosts !== budgetTotal) {
    throw new DomainError('import.budget-mismatch', 'the budget lines do not add up to the budget total', 'invalid', [
      { field: 'budget', message: 'lines and total differ' },
    ]);
  }
  const optionalAmount = (field: 'disbursed' | 'spent'): Cents => {
    const value = get(field);
    return value === undefined ? cents(0) : parseListAmount(value, language, field);
  };
  const title = texts(byKey, TITLE_COLUMNS, language);
  const description = texts(byKey, DESCRIPTION_COLUMNS, language);
  const actualStart = get('actualStart');
  const actualEnd = get('actualEnd');
  const record: ImportedRecordInput = {
    primaId: need('primaId').toUpperCase(),
    title,
    // Public lists often show a title only: the title then stands as the description too.
    description: Object.keys(description).length > 0 ? description : title,
    thematicArea,
    coverage,
    fundingLine: fundingLineOf(need('fundingLine')),
    region,
    beneficiaryStates: statesOf(need('states')).map((code) => ({ code })),
    plannedStartDate: dateOf(need('plannedStart'), 'start', 'plannedStartDate'),
    plannedEndDate: dateOf(need('plannedEnd'), 'end', 'plannedEndDate'),
    year: yearOf(need('year')),
    budget,
    status: status.status,
    ...(actualStart === undefined ? {} : { actualStartDate: dateOf(actualStart, 'start', 'actualStartDate') }),
    ...(actualEnd === undefined ? {} : { actualEndDate: dateOf(actualEnd, 'end', 'actualEndDate') }),
    disbursed: optionalAmount('disbursed'),
    spent: optionalAmount('spent'),
    breakdownGiven,
  };
  return { projectId: need('projectId').toUpperCase(), record };
}

function unknownLabel(field: string, label: string): DomainError {
  return new DomainError('import.unknown-label', `${field} "${label}" is not one the fund publishes (English, French or Spanish)`, 'invalid', [
    { field, message: 'unknown label' },
  ]);
}

/** Titles or descriptions: per-language columns (`title_fr`), or one column in the row's language. */
function texts(byKey: Map<string, string>, columns: readonly string[], language: ListLanguage): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of byKey) {
    if (value === '') continue;
    for (const column of columns) {
      if (key === column) result[language] = value;
      else if (key.startsWith(`${column}_`) && /^[a-z]{2,3}(_[a-z0-9]{2,8})*$/.test(key.slice(column.length + 1))) {
        result[key.slice(column.length + 1).replaceAll('_', '-')] = value;
      }
    }
  }
  return result;
}

/** States separated by `;` (or `,` where a name holds none), as names in en/fr/es or ISO codes. */
function statesOf(value: string): string[] {
  return value
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const code = countryCodeOf(name);
      if (code === undefined) {
        throw new DomainError('import.unknown-country', `no country is named "${name}" (in English, French or Spanish, or as an ISO code)`, 'invalid', [
          { field: 'beneficiaryStates', message: `unknown country ${name}` },
        ]);
      }
      return code;
    });
}

/**
 * A date of the list: YYYY-MM-DD, or a year alone as the public listing shows them
 * ("Start 2019 · End 2020"): a start year is its 1 January, an end year its 31 December,
 * so that the project spans the whole of the years the list names.
 */
export function dateOf(value: string, end: 'start' | 'end', field: string): string {
  if (/^\d{4}$/.test(value)) return end === 'start' ? `${value}-01-01` : `${value}-12-31`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new DomainError('import.malformed-date', `${field} "${value}" is not a date (YYYY-MM-DD) or a year (YYYY)`, 'invalid', [
    { field, message: 'expected YYYY-MM-DD or YYYY' },
  ]);
}

function fundingLineOf(value: string): 1 | 2 {
  const digits = /^(?:\D*\s)?([12])$/.exec(foldLabel(value));
  if (digits) return Number(digits[1]) as 1 | 2;
  throw new DomainError('import.unknown-label', `funding line "${value}" is not 1 or 2`, 'invalid', [{ field: 'fundingLine', message: 'expected 1 or 2' }]);
}

function yearOf(value: string): number {
  if (/^\d{4}$/.test(value)) return Number(value);
  throw new DomainError('import.malformed-date', `year "${value}" is not a year (YYYY)`, 'invalid', [{ field: 'year', message: 'expected YYYY' }]);
}
