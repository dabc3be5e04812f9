import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../api/session';
import { useDocumentTitle } from '../../../app/useDocumentTitle';
import { Anchors } from './Anchors';
import { ProjectChain } from './ProjectChain';
import { StoreVerification } from './StoreVerification';
import './verification.css';

const AUDIT_ROLES = ['auditor', 'admin'];

/**
 * /explorer/verification — what verification proves, for auditors and admins: the whole
 * store run on demand with its progress, one project's chain, and the signed checkpoints
 * with their signatures checked in this browser.
 */
export function VerificationPage() {
  const { t } = useTranslation('verification');
  useDocumentTitle(t('title'));
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const projectId = params.get('project');
  const roles = session.data?.roles ?? [];

  if (session.isPending) {
    return (
      <p role="status" className="loading">
        {t('loading')}
      </p>
    );
  }
  if (!session.data?.signedIn || !roles.some((role) => AUDIT_ROLES.includes(role))) {
    return (
      <section>
        <h1>{t('title')}</h1>
        <p>{t('auditorsOnly')}</p>
        {!session.data?.signedIn && <Link to={`/sign-in?next=${encodeURIComponent('/explorer/verification')}`}>{t('signIn')}</Link>}
      </section>
    );
  }

  const verifyProject = (wanted: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('project', wanted);
      return next;
    });
    document.getElementById('project-chain')?.scrollIntoView();
  };

  return (
    <div className="verification-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <StoreVerification onVerifyProject={verifyProject} />
      <ProjectChain projectId={projectId} onVerify={verifyProject} />
      <Anchors canSign={roles.includes('admin')} />
    </div>
  );
}

/** React Router's lazy route takes `Component`; the explorer's route imports the default. */
export { VerificationPage as Component };
export default VerificationPage;
