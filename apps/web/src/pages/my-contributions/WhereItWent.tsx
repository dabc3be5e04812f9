import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/DataTable';
import { useFormat } from '../../format/format';
import { pickText } from '../../format/project-text';
import { Money } from './Amounts';
import type { EnvelopeAttribution, FundedProject, MyContributions } from './my-contributions';

/** A line of an envelope's table: a project committed from it, or what is not committed yet, or what was given. */
interface AttributionRow {
  key: string;
  project?: FundedProject;
  label?: string;
  committed?: string;
  attributed: string;
}

/**
 * Per envelope (year, line) the organisation gave into: its share of the envelope's receipts,
 * that share of each project committed from it, and what is not committed yet — lines that
 * add up to what it gave, as the API computed them.
 */
export function WhereItWent({ data }: { data: MyContributions }) {
  const { t } = useTranslation('myContributions');
  return (
    <section aria-labelledby="where-it-went">
      <h2 id="where-it-went">{t('whereItWent.title')}</h2>
      <p>{t('whereItWent.explain')}</p>
      {data.whereItWent.length === 0 ? (
        <p>{t('whereItWent.empty')}</p>
      ) : (
        data.whereItWent.map((envelope) => <EnvelopeShare key={`${envelope.year}-${envelope.fundingLine}-${envelope.earmarkedRegion ?? ''}`} envelope={envelope} />)
      )}
    </section>
  );
}

function EnvelopeShare({ envelope }: { envelope: EnvelopeAttribution }) {
  const { t, i18n } = useTranslation('myContributions');
  const format = useFormat();
  const id = `envelope-${envelope.year}-${envelope.fundingLine}-${envelope.earmarkedRegion ?? 'all'}`;
  const region = envelope.earmarkedRegion === undefined ? undefined : t(`regions.${envelope.earmarkedRegion}`, { defaultValue: envelope.earmarkedRegion });
  const name = t('whereItWent.envelope', { year: envelope.year, line: envelope.fundingLine }) + (region === undefined ? '' : ` — ${t('whereItWent.earmarked', { region })}`);
  const rows: AttributionRow[] = [
    ...envelope.projects.map((project) => ({ key: project.projectId, project, committed: project.committed, attributed: project.attributed })),
    { key: 'not-yet-committed', label: t('whereItWent.notYetCommitted'), attributed: envelope.notYetCommitted },
  ];
  const columns: Column<AttributionRow>[] = [
    {
      key: 'project',
      header: t('whereItWent.project'),
      rowHeader: true,
      cell: (row) => {
        if (row.project === undefined) return row.label;
        const title = pickText(row.project.title, i18n.resolvedLanguage ?? 'en');
        return (
          <>
            <Link to={`/portal/projects/${encodeURIComponent(row.project.projectId)}`}>{row.project.projectId}</Link>
            {title && (
              <>
                {' '}
                <span className="project-title" lang={title.language} dir={title.dir}>
                  {title.text}
                </span>
              </>
            )}
          </>
        );
      },
    },
    { key: 'states', header: t('whereItWent.states'), cell: (row) => row.project?.stateCodes.map((code) => format.country(code)).join(', ') ?? '' },
    { key: 'status', header: t('whereItWent.status'), cell: (row) => (row.project ? t(`statuses.${row.project.status}`, { defaultValue: row.project.status }) : '') },
    { key: 'committed', header: t('whereItWent.committed'), numeric: true, cell: (row) => (row.committed === undefined ? '' : <Money amount={row.committed} />) },
    { key: 'attributed', header: t('whereItWent.attributed'), numeric: true, cell: (row) => <Money amount={row.attributed} /> },
  ];
  return (
    <section aria-labelledby={id} className="envelope-share">
      <h3 id={id}>{name}</h3>
      <p>
        <Trans
          t={t}
          i18nKey="whereItWent.summary"
          values={{ received: format.money(envelope.received), receipts: format.money(envelope.envelopeReceipts), share: format.percent(envelope.shareOfReceipts) }}
          components={{ received: <data value={envelope.received} />, receipts: <data value={envelope.envelopeReceipts} />, share: <data value={envelope.shareOfReceipts} /> }}
        />
      </p>
      <DataTable
        caption={t('whereItWent.caption', { envelope: name })}
        // The heading above names the envelope already; screen readers still get the caption.
        captionHidden
        columns={columns}
        rows={rows}
        rowKey={(row) => row.key}
        footer={{ key: 'given', label: t('whereItWent.total'), attributed: envelope.received }}
      />
    </section>
  );
}
