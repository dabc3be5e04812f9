import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiPath, getJson } from '../../api/client';
import { minPosition as lastPosition } from '../../api/read-your-writes';
import { useFundPolicy } from '../../api/fund-policy';
import { useSession } from '../../api/session';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { ProblemMessage } from '../../components/QueryState';
import { useFormat } from '../../format/format';
import { pickText } from '../../format/project-text';
import { waitingOn, type StaffCard, type Waiting } from './waiting';

const STAFF_ROLES = ['fund-manager', 'finance-officer', 'approver', 'admin', 'auditor'];
/** Finance officers follow every project money moves on, not only their own drafts. */
const MONEY_STATUSES = ['approved', 'active', 'suspended', 'completed'];
const PAGE = 200;
const MAX_PAGES = 25;

/**
 * GET /portfolio has no "mine" filter: the staff cards carry who drafted and submitted each
 * project, so the page reads the portfolio (pages of 200, the API's largest) and keeps the
 * caller's. A fund of a few thousand projects is a few requests.
 */
async function projectsOf(subject: string, roles: string[], minPosition: string | null, signal: AbortSignal): Promise<StaffCard[]> {
  const mine: StaffCard[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await getJson<{ items: StaffCard[]; nextCursor: string | null }>(
      apiPath('/portfolio', { limit: PAGE, cursor, sort: 'updatedAt', direction: 'desc', minPosition }),
      signal,
    );
    for (const card of answer.items) {
      const own = card.internal?.draftedBy === subject || card.internal?.submittedBy === subject;
      if (own || (roles.includes('finance-officer') && MONEY_STATUSES.includes(card.status))) mine.push(card);
    }
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return mine;
}

/** /workbench — a fund manager's or finance officer's projects and what waits on each. */
export function WorkbenchHome() {
  const { t, i18n } = useTranslation('workbench');
  useDocumentTitle(t('home.title'));
  const session = useSession();
  const policy = useFundPolicy();
  const [params] = useSearchParams();
  // The position in the address (a link from a form that just sent), else this tab's last
  // command's: the list shows what this person just did, without a manual reload.
  const minPosition = params.get('minPosition') ?? lastPosition() ?? null;
  const subject = session.data?.subject;
  const roles = session.data?.roles ?? [];
  const staff = roles.some((role) => STAFF_ROLES.includes(role));
  const projects = useQuery({
    queryKey: ['workbench', 'projects', subject, roles.join(','), minPosition],
    queryFn: ({ signal }) => projectsOf(subject!, roles, minPosition, signal),
    enabled: subject !== undefined && staff,
  });
  const format = useFormat();

  if (session.isPending) return <p role="status">{t('loading')}</p>;
  if (!session.data?.signedIn || !staff) {
    return (
      <section>
        <h1>{t('home.title')}</h1>
        <p>{t('home.staffOnly')}</p>
        {!session.data?.signedIn && <Link to={`/sign-in?next=${encodeURIComponent('/workbench')}`}>{t('home.signIn')}</Link>}
      </section>
    );
  }
  const today = policy.data?.today;
  const describe = (item: Waiting): string => {
    switch (item.kind) {
      case 'endorsements':
        return t('waiting.endorsements', { recorded: item.recorded, needed: item.needed });
      case 'reportsDue':
        return t('waiting.reportsDue', { reports: item.reports.map((kind) => t(`reports.${kind}`)).join(', ') });
      case 'requestDeadline':
        return t('waiting.requestDeadline', { date: format.date(item.on) });
      default:
        return t(`waiting.${item.kind}`);
    }
  };

  return (
    <section className="workbench-home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {(roles.includes('fund-manager') || roles.some((role) => ['approver', 'auditor', 'admin'].includes(role))) && (
        <p className="workbench-actions">
          {roles.includes('fund-manager') && (
            <Link className="button primary" to="/workbench/projects/new">
              {t('home.newProposal')}
            </Link>
          )}{' '}
          {roles.some((role) => ['approver', 'fund-manager', 'auditor', 'admin'].includes(role)) && (
            <Link className="button secondary" to="/workbench/approvals">
              {t('home.approvalQueue')}
            </Link>
          )}
        </p>
      )}
      {projects.isPending || policy.isPending ? (
        <p role="status">{t('loading')}</p>
      ) : projects.error || policy.error ? (
        <ProblemMessage error={projects.error ?? policy.error} />
      ) : projects.data!.length === 0 ? (
        <p>{t('home.none')}</p>
      ) : (
        <table className="workbench-table">
          <caption>{t('home.caption', { count: projects.data!.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('home.project')}</th>
              <th scope="col">{t('home.projectTitle')}</th>
              <th scope="col">{t('home.status')}</th>
              <th scope="col">{t('home.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {projects.data!.map((card) => {
              const title = pickText(card.title, i18n.language);
              const waiting = today ? waitingOn(card, today) : [];
              return (
                <tr key={card.projectId}>
                  <th scope="row" className="project-id">
                    <Link to={`/workbench/projects/${encodeURIComponent(card.projectId)}`}>{card.projectId}</Link>
                  </th>
                  <td>
                    {title ? (
                      <span lang={title.language} dir={title.dir}>
                        {title.text}
                      </span>
                    ) : null}
                  </td>
                  <td>{t(`status.${card.status}`)}</td>
                  <td>
                    {waiting.length === 0 ? (
                      t('waiting.nothing')
                    ) : (
                      <ul className="waiting-list">
                        {waiting.map((item) => (
                          <li key={item.kind}>{describe(item)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
