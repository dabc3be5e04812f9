import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFundPolicy } from '../../api/fund-policy';
import { useStaffProject, type StaffProject } from '../../api/staff-project';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { ProblemMessage } from '../../components/QueryState';
import { ProposalFormBody } from './ProposalForm';
import type { ProposalOnCard } from './proposal-checks';

/**
 * /workbench/projects/:projectId/amend — a draft (new, or returned for revision) changed
 * with the proposal form, filled from its card. Offered only when the card allows AmendDraft
 * to the caller; the API judges the amended proposal whole, as it judged the first draft.
 */
export function AmendDraft() {
  const { projectId = '' } = useParams();
  const { t } = useTranslation('workbench');
  useDocumentTitle(t('amend.title', { projectId }));
  const card = useStaffProject(projectId);
  const policy = useFundPolicy();
  if (card.isPending || policy.isPending) return <p role="status">{t('loading')}</p>;
  if (card.isError) {
    return (
      <section>
        <h1>{t('amend.title', { projectId })}</h1>
        <ProblemMessage error={card.error} />
      </section>
    );
  }
  const project = card.data as StaffProject & ProposalOnCard;
  const amend = project.allowedCommands.find((entry) => entry.command === 'AmendDraft');
  if (!amend) {
    return (
      <section>
        <h1>{t('amend.title', { projectId })}</h1>
        <p>{t('amend.notAllowed')}</p>
        <Link to={`/workbench/projects/${encodeURIComponent(projectId)}`}>{t('amend.backToProject')}</Link>
      </section>
    );
  }
  return <ProposalFormBody key={project.revision} policy={policy.data} policyError={policy.error} amending={{ project, path: amend.path }} />;
}
