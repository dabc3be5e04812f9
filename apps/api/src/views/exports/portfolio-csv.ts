import type { DocumentPage, DocumentQuery, ViewDocument } from '#read-models';
import { projectView, type Audience } from '../portfolio/project-views.js';
import { CSV_BOM, csvRecord } from './csv-writer.js';

/** The largest page a read store serves (DocumentQuery.limit): fewest round trips. */
export const EXPORT_PAGE_SIZE = 500;

/** A page of the list as the JSON list reads it (the live views, or the views as of an instant). */
export type PortfolioPages = (query: DocumentQuery) => Promise<DocumentPage>;

type Column = { header: string; cell: (project: Record<string, unknown>) => string };

/**
 * Titles and descriptions are maps by language, a different set per project. A streamed
 * file must write its header before it has seen the last project, so there cannot be one
 * column per language present; instead `title` holds the English text (else the project's
 * first language) with its language in `titleLanguage`, and `titles` every language as a
 * JSON object — one fixed set of columns, the same for every filter, nothing dropped.
 */
const PUBLIC_COLUMNS: readonly Column[] = [
  plain('projectId'),
  plain('primaId'),
  { header: 'title', cell: (project) => mainText(project.title)?.[1] ?? '' },
  { header: 'titleLanguage', cell: (project) => mainText(project.title)?.[0] ?? '' },
  { header: 'titles', cell: (project) => json(project.title) },
  { header: 'description', cell: (project) => mainText(project.description)?.[1] ?? '' },
  { header: 'descriptions', cell: (project) => json(project.description) },
  plain('thematicArea'),
  plain('coverage'),
  plain('fundingLine'),
  plain('region'),
  {
    header: 'beneficiaryStates',
    cell: (project) => ((project.beneficiaryStates ?? []) as { code: string; share: string }[]).map(({ code, share }) => `${code}:${share}`).join(';'),
  },
  ...['plannedStartDate', 'plannedEndDate', 'currentEndDate', 'actualStartDate', 'actualEndDate', 'year', 'status', 'iatiActivityStatus'].map(plain),
  ...['budget', 'staffAndOfficeCosts', 'operationalCosts', 'committed', 'disbursed', 'spent', 'refunded', 'unspentBalance', 'deliveryRate'].map(plain),
  ...['approvedAt', 'statusChangedAt', 'lastEventAt', 'revision'].map(plain),
];

/** What staff and auditors see besides: the review steps, who did them, and the internals as the card's JSON shows them. */
const STAFF_COLUMNS: readonly Column[] = [
  ...['draftedAt', 'submittedAt', 'awaiting', 'awaitingSince'].map(plain),
  ...['draftedBy', 'submittedBy', 'endorsedBy', 'approvedBy', 'statusReason'].map(internal),
  { header: 'internal', cell: (project) => json(project.internal) },
];

/** The columns a reader gets: donors the public card's fields only (projectView decides what they see). */
export function portfolioColumns(audience: Audience): readonly Column[] {
  return audience === 'public' ? PUBLIC_COLUMNS : [...PUBLIC_COLUMNS, ...STAFF_COLUMNS];
}

/**
 * The whole filtered, sorted list as CSV, page after page through the store's cursor: the
 * header row, then one row per project of exactly what the JSON list shows the same reader
 * (projectView). One chunk per page, produced when the client has taken the previous one.
 */
export async function* portfolioCsv(pages: PortfolioPages, query: DocumentQuery, audience: Audience): AsyncGenerator<string> {
  const columns = portfolioColumns(audience);
  yield CSV_BOM + csvRecord(columns.map((column) => column.header));
  const { after: _fromTheStart, ...whole } = query;
  let after: string | undefined;
  do {
    const page = await pages({ ...whole, limit: EXPORT_PAGE_SIZE, ...(after === undefined ? {} : { after }) });
    if (page.items.length > 0) yield page.items.map((doc) => rowOf(doc, audience, columns)).join('');
    after = page.nextCursor;
  } while (after !== undefined);
}

function rowOf(doc: ViewDocument, audience: Audience, columns: readonly Column[]): string {
  const project = projectView(doc, audience);
  return csvRecord(columns.map((column) => column.cell(project)));
}

function plain(field: string): Column {
  return { header: field, cell: (project) => textOf(project[field]) };
}

function internal(field: string): Column {
  return { header: field, cell: (project) => textOf((project.internal as Record<string, unknown> | undefined)?.[field]) };
}

function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'object' ? json(value) : String(value);
}

function json(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

/** [language, text]: English when the project has it, else its first language. */
export function mainText(texts: unknown): [string, string] | undefined {
  if (texts === null || typeof texts !== 'object') return undefined;
  const entries = Object.entries(texts as Record<string, string>);
  return entries.find(([language]) => language === 'en') ?? entries[0];
}
