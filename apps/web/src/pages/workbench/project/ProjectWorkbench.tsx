import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getJson, type ApiProblem } from '../../../api/client';
import { etagOf, staffProjectKey, useStaffProject, type AllowedCommand, type StaffProject } from '../../../api/staff-project';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { DataTable } from '../../../components/DataTable';
import { ProblemMessage } from '../../../components/QueryState';
import { useFormat } from '../../../format/format';
import { pickText } from '../../../format/project-text';
import { ChangedSince, RecordedNote } from '../commands/ChangedSince';
import { COMMAND_GROUPS, formsFor, intentKey } from '../commands/command-forms';
import { CommandForm } from '../commands/CommandForm';
import type { CommandResult } from '../commands/send-command';

/**
 * /workbench/projects/:projectId — a project as staff work on it (GET /projects/{id}): its
 * key facts and one button for each command the domain says the caller may send now
 * (`allowedCommands`). A command is judged against the card on screen (If-Match: its
 * revision); after it the card is read again, so the page shows the result at once.
 */
export function ProjectWorkbench() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation('workbenchCommands');
  const card = useStaffProject(projectId);

  if (card.isPending) {
    return (
      <p role="status" className="loading">
        {t('project.loading', { projectId })}
      </p>
    );
  }
  if (card.isError) {
    return (
      <section>
        <h1>{t('project.failedTitle', { projectId })}</h1>
        <ProblemMessage error={card.error} />
        <p>
          <Link to="/workbench/approvals">{t('nav.approvals')}</Link>
        </p>
      </section>
    );
  }
  return <Workbench project={card.data} />;
}

interface Stale {
  had: StaffProject;
  now?: StaffProject;
  /** The command the stale form was for: offered again on "start again" when still allowed. */
  reopen: string;
}

function Workbench({ project }: { project: StaffProject }) {
  const { t, i18n } = useTranslation('workbenchCommands');
  const format = useFormat();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ key: string; instance: number } | null>(null);
  const [recorded, setRecorded] = useState<{ result: CommandResult; label: string } | null>(null);
  const [stale, setStale] = useState<Stale | null>(null);
  const [instances, setInstances] = useState(0);
  const title = pickText(project.title, i18n.resolvedLanguage ?? 'en');
  useDocumentTitle(`${title?.text ?? project.projectId} — ${t('project.documentTitle')}`);

  const forms = formsFor(project.allowedCommands);
  // AmendDraft edits the whole proposal: the proposal form's task, on a page of its own.
  const amendable = project.allowedCommands.some((entry) => entry.command === 'AmendDraft');
  const openForm = forms.find((entry) => intentKey(entry) === open?.key);
  const labelOf = (entry: AllowedCommand) => t(`commands.${entry.command}`, { defaultValue: entry.command });

  function start(key: string) {
    // Each opening is a new intent: a new form instance, so a new Idempotency-Key.
    setInstances((n) => n + 1);
    setOpen({ key, instance: instances + 1 });
    setRecorded(null);
  }

  async function afterRecorded(entry: AllowedCommand, result: CommandResult) {
    setRecorded({ result, label: labelOf(entry) });
    setOpen(null);
    // The card is read from the store (always current); the views behind other pages are
    // read with the command's position (read-your-writes.ts).
    await queryClient.invalidateQueries({ queryKey: staffProjectKey(project.projectId) });
    void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'workbench' || query.queryKey[1] !== 'project' });
  }

  async function showStale(entry: AllowedCommand, _problem: ApiProblem) {
    setOpen(null);
    const next: Stale = { had: project, reopen: intentKey(entry) };
    setStale(next);
    try {
      const now = await getJson<StaffProject>(`/projects/${encodeURIComponent(project.projectId)}`);
      setStale({ ...next, now });
    } catch {
      // The panel still says that nothing was recorded; "start again" reads the card anew.
    }
  }

  async function startAgain() {
    if (!stale) return;
    const reopen = stale.reopen;
    setStale(null);
    await queryClient.invalidateQueries({ queryKey: staffProjectKey(project.projectId) });
    const current = queryClient.getQueryData<StaffProject>(staffProjectKey(project.projectId));
    if (current && formsFor(current.allowedCommands).some((entry) => intentKey(entry) === reopen)) start(reopen);
  }

  return (
    <article className="workbench-project" data-project-id={project.projectId} data-revision={project.revision}>
      <p className="back-links">
        <Link to="/workbench/approvals">{t('nav.approvals')}</Link> · <Link to={`/portal/projects/${encodeURIComponent(project.projectId)}`}>{t('project.publicPage')}</Link>
      </p>
      <h1>
        <span lang={title?.language} dir={title?.dir}>
          {title?.text ?? project.projectId}
        </span>{' '}
        <span className="project-id">{project.projectId}</span>
      </h1>
      <KeyFacts project={project} />

      {recorded && <RecordedNote result={recorded.result} label={recorded.label} />}
      {stale && <ChangedSince projectId={project.projectId} had={stale.had} now={stale.now} onStartAgain={() => void startAgain()} />}

      <section aria-labelledby="commands-title" className="commands">
        <h2 id="commands-title">{t('project.commandsTitle')}</h2>
        {forms.length === 0 && !amendable && <p>{t('project.nothingToDo')}</p>}
        {amendable && (
          <p className="amend-link">
            <Link className="button secondary" to={`/workbench/projects/${encodeURIComponent(project.projectId)}/amend`}>
              {t('project.amend')}
            </Link>
          </p>
        )}
        {COMMAND_GROUPS.map((group) => {
          const entries = forms.filter((entry) => entry.spec.group === group);
          if (entries.length === 0) return null;
          return (
            <div key={group} className="command-group">
              <h3>{t(`groups.${group}`)}</h3>
              <ul>
                {entries.map((entry) => {
                  const key = intentKey(entry);
                  return (
                    <li key={key}>
                      <button type="button" className="secondary" aria-expanded={open?.key === key} aria-controls="command-form" onClick={() => start(key)}>
                        {t('open', { command: labelOf(entry) })}
                        {entry.reportId || entry.transactionId || entry.requestId ? ` (${entry.reportId ?? entry.transactionId ?? entry.requestId})` : ''}
                        {entry.reportKind ? ` (${t(`reportKinds.${entry.reportKind}`)})` : ''}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
        <div id="command-form">
          {openForm && open && (
            <CommandForm
              key={open.instance}
              entry={openForm}
              spec={openForm.spec}
              project={project}
              ifMatch={etagOf(project)}
              onRecorded={(result) => void afterRecorded(openForm, result)}
              onStale={(problem) => void showStale(openForm, problem)}
              onCancel={() => setOpen(null)}
            />
          )}
        </div>
      </section>

      {project.transactions.length > 0 && (
        <DataTable
          caption={t('project.transactionsTitle')}
          rows={project.transactions}
          rowKey={(row) => row.transactionId}
          columns={[
            { key: 'id', header: t('project.transactionId'), cell: (row) => row.transactionId, rowHeader: true },
            { key: 'kind', header: t('project.kind'), cell: (row) => t(`transactionKinds.${row.kind}`, { defaultValue: row.kind }) },
            { key: 'valueDate', header: t('fields.valueDate'), cell: (row) => <time dateTime={row.valueDate}>{format.date(row.valueDate)}</time> },
            { key: 'amount', header: t('fields.amount'), numeric: true, cell: (row) => <data value={row.amount}>{format.money(row.amount)}</data> },
          ]}
        />
      )}
    </article>
  );
}

function KeyFacts({ project }: { project: StaffProject }) {
  const { t } = useTranslation('workbenchCommands');
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    ['status', <span data-status={project.status}>{t(`statuses.${project.status}`, { defaultValue: project.status })}</span>],
    ...(project.statusReason ? [['statusReason', project.statusReason] as [string, ReactNode]] : []),
    ['envelope', t('project.envelopeOf', { year: project.year, line: project.fundingLine })],
    ['budget', <data value={project.budget.total}>{format.money(project.budget.total)}</data>],
    ['committed', <data value={project.money.committed}>{format.money(project.money.committed)}</data>],
    ['disbursed', <data value={project.money.disbursed}>{format.money(project.money.disbursed)}</data>],
    ['spent', <data value={project.money.spent}>{format.money(project.money.spent)}</data>],
    ['currentEndDate', <time dateTime={project.currentEndDate}>{format.date(project.currentEndDate)}</time>],
    ...(project.pendingBudgetRevision
      ? [['pendingBudgetRevision', t('project.pendingRevision', { total: format.money(project.pendingBudgetRevision.budget.total), by: project.pendingBudgetRevision.requestedBy })] as [string, ReactNode]]
      : []),
    ...(project.pendingNoCostExtension
      ? [['pendingNoCostExtension', t('project.pendingExtension', { date: format.date(project.pendingNoCostExtension.newEndDate), by: project.pendingNoCostExtension.requestedBy })] as [string, ReactNode]]
      : []),
    ['revision', <span>{project.revision}</span>],
  ];
  return (
    <dl className="key-facts">
      {facts.map(([key, value]) => (
        <div key={key} data-fact={key}>
          <dt>{t(`facts.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
