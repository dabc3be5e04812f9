import { formatUsd, iatiIdentifier, type IatiActivity, type MultilingualText } from '#domain';
import type { IatiPublisher } from '#runtime';
import { element, text, type Markup } from './xml-writer.js';

/**
 * The opening of the file: IATI 2.03, stamped with the instant it was generated. The
 * activities follow, one `iati-activity` each, then `IATI_FILE_END`.
 */
export function iatiFileStart(generatedAt: string): string {
  return `<iati-activities version="2.03" generated-datetime="${generatedAt}">\n`;
}
export const IATI_FILE_END = '</iati-activities>\n';

/**
 * One activity, its elements in the order the 2.03 schema's sequence requires (the schema
 * refuses any other). Money in USD with two decimals, each value dated.
 */
export function iatiActivityXml(activity: IatiActivity, publisher: IatiPublisher): string {
  const { reportingOrg } = publisher;
  const content: Markup[] = [
    element('iati-identifier', {}, text(iatiIdentifier(reportingOrg.ref, activity.projectId))),
    element('reporting-org', { ref: reportingOrg.ref, type: reportingOrg.type }, narrative('en', reportingOrg.name)),
    element('title', {}, ...narratives(activity.title)),
    element('description', { type: 1 }, ...narratives(activity.description)),
    // ParticipatingOrganisationRole 1 Funding (the fund), 4 Implementing (the organisation running it).
    element('participating-org', { ref: reportingOrg.ref, type: reportingOrg.type, role: 1 }, narrative('en', publisher.fundName)),
    element('participating-org', { ref: reportingOrg.ref, type: reportingOrg.type, role: 4 }, narrative('en', reportingOrg.name)),
    element('activity-status', { code: activity.status }),
    ...activity.dates.map(({ type, date }) => element('activity-date', { type, 'iso-date': date })),
    element('activity-scope', { code: activity.scope }),
    ...activity.recipientCountries.map(({ code, percentage }) => element('recipient-country', { code, percentage })),
    ...(activity.recipientRegion ? [element('recipient-region', { code: activity.recipientRegion.code, vocabulary: 1, percentage: activity.recipientRegion.percentage })] : []),
    element('sector', { vocabulary: 1, code: activity.sector, percentage: '100' }),
    // BudgetStatus 2 Committed: these are the approved budget, not an indication.
    ...activity.budgets.map(({ type, start, end, amount }) =>
      element('budget', { type, status: 2 }, element('period-start', { 'iso-date': start }), element('period-end', { 'iso-date': end }), value(amount, start)),
    ),
    ...activity.transactions.map(({ type, date, amount }) =>
      element('transaction', {}, element('transaction-type', { code: type }), element('transaction-date', { 'iso-date': date }), value(amount, date)),
    ),
  ];
  const attributes = { 'last-updated-datetime': activity.lastUpdated, 'xml:lang': 'en', 'default-currency': 'USD' };
  return `${element('iati-activity', attributes, ...content)}\n`;
}

/** Every language the text has, each tagged, in the order the project gave them. */
function narratives(texts: MultilingualText): Markup[] {
  return Object.entries(texts).map(([language, value]) => narrative(language, value));
}

function narrative(language: string, value: string): Markup {
  return element('narrative', { 'xml:lang': language }, text(value));
}

function value(amount: number, valueDate: string): Markup {
  return element('value', { currency: 'USD', 'value-date': valueDate }, text(formatUsd(amount)));
}
