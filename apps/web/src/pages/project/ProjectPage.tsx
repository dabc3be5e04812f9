import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/client';
import { iatiFilePath } from '../../api/iati';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { DataTable } from '../../components/DataTable';
import { ProblemMessage } from '../../components/QueryState';
import { useFormat } from '../../format/format';
import { pickText } from '../../format/project-text';
import { MoneyFlows } from './MoneyFlows';
import { useCodeLabels, useProjectCard, type ProjectCard, type StateSplit } from './project-card';
import { ProjectTexts } from './ProjectTexts';

/**
 * /portal/projects/:projectId — one project as the public sees it (GET /portfolio/{id}):
 * its texts in the reader's language, where it stands, where and when it works, its budget
 * and the money that has moved, and its IATI file. A project the public may not see and a
 * project that does not exist look the same: not found.
 */
export function ProjectPage() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation('project');
  const card = useProjectCard(projectId);

  if (card.isPending) {
    return (
      <p role="status" className="loading">
        {t('loading', { projectId })}
      </p>
    );
  }
  if (card.isError) {
    if (card.error instanceof ApiProblem && card.error.status === 404) return <ProjectNotFound projectId={projectId} />;
    return (
      <section>
        <h1>{t('failedTitle', { projectId })}</h1>
        <ProblemMessage error={card.error} />
        <BackLinks />
      </section>
    );
  }
  return <ProjectDetails card={card.data} />;
}

function ProjectDetails({ card }: { card: ProjectCard }) {
  const { t, i18n } = useTranslation('project');
  const format = useFormat();
  const themes = useCodeLabels('thematic-areas');
  const regions = useCodeLabels('regions');
  const language = i18n.resolvedLanguage ?? 'en';
  // The fund's code-list label (its public wording), in French or Spanish where this page knows the default entries' names.
  const labelOf = (kind: 'thematicAreas' | 'regions', code: string, labels: Map<string, string> | undefined) =>
    t(`${kind}.${code}`, { defaultValue: labels?.get(code) ?? code });

  useDocumentTitle(`${pickText(card.title, language)?.text ?? card.projectId} — ${card.projectId}`);

  const datesChanged = card.currentEndDate !== card.plannedEndDate;
  return (
    <article className="project-page" data-project-id={card.projectId}>
      <BackLinks />
      <p className="project-ids">
        <span data-field="projectId">{t('projectId', { id: card.projectId })}</span>
        <span data-field="primaId">{t('primaId', { id: card.primaId })}</span>
      </p>
      <ProjectTexts card={card} />

      <div className="project-grid">
        <section aria-labelledby="project-facts">
          <h2 id="project-facts">{t('facts.title')}</h2>
          <dl className="facts">
            <Fact field="status" label={t('facts.status')} value={card.status}>
              {t(`status.${card.status}`, { defaultValue: card.status })}
            </Fact>
            <Fact field="iatiActivityStatus" label={t('facts.iatiStatus')} value={String(card.iatiActivityStatus)}>
              {t(`iatiStatus.${card.iatiActivityStatus}`, { defaultValue: String(card.iatiActivityStatus) })}{' '}
              <span className="muted">({t('facts.iatiCode', { code: card.iatiActivityStatus })})</span>
            </Fact>
            <Fact field="thematicArea" label={t('facts.thematicArea')} value={card.thematicArea}>
              {labelOf('thematicAreas', card.thematicArea, themes.data)}
            </Fact>
            <Fact field="coverage" label={t('facts.coverage')} value={card.coverage}>
              {t(`coverage.${card.coverage}`, { defaultValue: card.coverage })}
            </Fact>
            <Fact field="region" label={t('facts.region')} value={card.region}>
              {labelOf('regions', card.region, regions.data)}
            </Fact>
            <Fact field="fundingLine" label={t('facts.fundingLine')} value={String(card.fundingLine)}>
              {t('facts.line', { line: card.fundingLine })}
            </Fact>
            <Fact field="year" label={t('facts.year')} value={String(card.year)}>
              {card.year}
            </Fact>
          </dl>
        </section>

        <section aria-labelledby="project-dates">
          <h2 id="project-dates">{t('dates.title')}</h2>
          <dl className="facts">
            <DateFact field="plannedStartDate" label={t('dates.plannedStart')} date={card.plannedStartDate} />
            <DateFact field="plannedEndDate" label={t('dates.plannedEnd')} date={card.plannedEndDate} />
            {datesChanged && <DateFact field="currentEndDate" label={t('dates.currentEnd')} date={card.currentEndDate} />}
            <DateFact field="actualStartDate" label={t('dates.actualStart')} date={card.actualStartDate} none={t('dates.notYet')} />
            <DateFact field="actualEndDate" label={t('dates.actualEnd')} date={card.actualEndDate} none={t('dates.notYet')} />
          </dl>
          {datesChanged && <p className="muted">{t('dates.extended')}</p>}
        </section>
      </div>

      <section aria-labelledby="project-money">
        <h2 id="project-money">{t('money.title')}</h2>
        <div className="project-grid">
          <dl className="facts">
            <MoneyFact field="staffAndOfficeCosts" label={t('money.staffAndOffice')} amount={card.staffAndOfficeCosts} />
            <MoneyFact field="operationalCosts" label={t('money.operational')} amount={card.operationalCosts} />
            <MoneyFact field="budget" label={t('money.budget')} amount={card.budget} strong />
          </dl>
          <dl className="facts">
            <MoneyFact field="committed" label={t('money.committed')} amount={card.committed} />
            <MoneyFact field="disbursed" label={t('money.disbursed')} amount={card.disbursed} />
            <MoneyFact field="spent" label={t('money.spent')} amount={card.spent} />
            <MoneyFact field="refunded" label={t('money.refunded')} amount={card.refunded} />
            <MoneyFact field="unspentBalance" label={t('money.unspentBalance')} amount={card.unspentBalance} />
            <Fact field="deliveryRate" label={t('money.deliveryRate')} value={card.deliveryRate ?? ''} numeric>
              {card.deliveryRate === null ? t('money.noDeliveryRate') : format.percent(card.deliveryRate)}
            </Fact>
          </dl>
        </div>
        <p className="muted">{t('money.explained')}</p>
      </section>

      <BeneficiaryStates card={card} />

      <MoneyFlows card={card} />

      {card.warnings && card.warnings.length > 0 && (
        <section aria-labelledby="project-warnings">
          <h2 id="project-warnings">{t('warnings.title')}</h2>
          <ul className="warnings">
            {card.warnings.map((warning) => (
              <li key={warning.code} data-code={warning.code}>
                {warning.detail}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="project-open-data">
        <h2 id="project-open-data">{t('openData.title')}</h2>
        <p>
          <a href={iatiFilePath(card.projectId)} download={`${card.projectId}.xml`} type="application/xml">
            {t('openData.iatiFile', { projectId: card.projectId })}
          </a>{' '}
          <span className="muted">{t('openData.iatiExplained')}</span>
        </p>
      </section>
    </article>
  );
}

/** Where the project works: each beneficiary state, its share, and the project's money split by those shares (as the API splits it). */
function BeneficiaryStates({ card }: { card: ProjectCard }) {
  const { t } = useTranslation('project');
  const format = useFormat();
  const shares = new Map(card.beneficiaryStates.map((state) => [state.code, state.share]));
  // A global project names no state: its one split (state null) is the whole project, shown above.
  const splits = card.splits.filter((split): split is StateSplit & { state: string } => split.state !== null);
  const money = (key: keyof StateSplit, header: string) => ({
    key,
    header,
    numeric: true,
    cell: (split: StateSplit) => <span data-amount={split[key]}>{format.money(split[key])}</span>,
  });
  return (
    <section aria-labelledby="project-states">
      <h2 id="project-states">{t('states.title')}</h2>
      {splits.length === 0 ? (
        <p>{t('states.none')}</p>
      ) : (
        <DataTable
          caption={t('states.caption', { count: splits.length })}
          rowKey={(split) => split.state}
          rows={splits}
          columns={[
            { key: 'state', header: t('states.state'), rowHeader: true, cell: (split) => <span data-state-code={split.state}>{format.country(split.state)}</span> },
            { key: 'share', header: t('states.share'), numeric: true, cell: (split) => <span data-share={shares.get(split.state)}>{format.percent(shares.get(split.state))}</span> },
            money('budget', t('money.budget')),
            money('committed', t('money.committed')),
            money('disbursed', t('money.disbursed')),
            money('spent', t('money.spent')),
          ]}
        />
      )}
    </section>
  );
}

function Fact({ field, label, value, numeric, children }: { field: string; label: string; value: string; numeric?: boolean; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-field={field} data-value={value} className={numeric ? 'numeric' : undefined}>
        {children}
      </dd>
    </div>
  );
}

function MoneyFact({ field, label, amount, strong }: { field: string; label: string; amount: string; strong?: boolean }) {
  const format = useFormat();
  return (
    <div className={strong ? 'fact fact-total' : 'fact'}>
      <dt>{label}</dt>
      <dd data-field={field} data-amount={amount} className="numeric">
        {format.money(amount)}
      </dd>
    </div>
  );
}

function DateFact({ field, label, date, none }: { field: string; label: string; date: string | undefined; none?: string }) {
  const format = useFormat();
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd data-field={field} data-value={date ?? ''}>
        {date ? <time dateTime={date}>{format.date(date)}</time> : (none ?? '—')}
      </dd>
    </div>
  );
}

function BackLinks() {
  const { t } = useTranslation('project');
  return (
    <nav aria-label={t('backNavigation')} className="back-links">
      <Link to="/portal/projects">{t('backToList')}</Link>
    </nav>
  );
}

function ProjectNotFound({ projectId }: { projectId: string }) {
  const { t } = useTranslation('project');
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="project-not-found">
      <h1>{t('notFound.title')}</h1>
      <p role="alert">{t('notFound.detail', { projectId })}</p>
      <p>
        <Link to="/portal/projects">{t('backToList')}</Link> · <Link to="/">{t('notFound.overview')}</Link>
      </p>
    </section>
  );
}
