import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { ProblemMessage, QueryState } from '../../components/QueryState';
import { Money } from './Amounts';
import { PledgesAndReceipts } from './PledgesAndReceipts';
import { WhereItWent } from './WhereItWent';
import { useMyContributions, type MyContributions } from './my-contributions';

/**
 * A donor organisation's own page: its pledges and receipts, and where the money it gave
 * went — as GET /funding/my-contributions computes it for the organisation the session
 * names. Nothing is computed here: totals, shares and attributions are the API's.
 */
export function MyContributionsPage() {
  const { t } = useTranslation('myContributions');
  const session = useSession();
  const signedIn = session.data?.signedIn === true;
  const mine = useMyContributions(signedIn);

  return (
    <article className="my-contributions" aria-labelledby="my-contributions-title">
      <h1 id="my-contributions-title">{t('title')}</h1>
      {session.isPending ? (
        <p role="status" className="loading">
          {t('common:state.loading')}
        </p>
      ) : session.isError ? (
        <ProblemMessage error={session.error} />
      ) : !signedIn ? (
        <SignInPrompt />
      ) : (
        <QueryState query={mine}>{(data) => <Contributions data={data} />}</QueryState>
      )}
    </article>
  );
}

function SignInPrompt() {
  const { t } = useTranslation('myContributions');
  return (
    <div className="sign-in-prompt">
      <p>{t('signInPrompt.text')}</p>
      <p>
        <Link className="button" to={`/sign-in?next=${encodeURIComponent('/portal/my-contributions')}`}>
          {t('signInPrompt.action')}
        </Link>
      </p>
    </div>
  );
}

function Contributions({ data }: { data: MyContributions }) {
  const { t } = useTranslation('myContributions');
  return (
    <>
      <p className="lede">{t('organisation', { organisation: data.organisation })}</p>
      <p>{t('intro')}</p>
      <section aria-labelledby="my-totals">
        <h2 id="my-totals">{t('totals.title')}</h2>
        <dl className="figures">
          {(['pledged', 'received', 'outstanding'] as const).map((figure) => (
            <div key={figure}>
              <dt>{t(`totals.${figure}`)}</dt>
              <dd>
                <Money amount={data.total[figure]} />
              </dd>
            </div>
          ))}
        </dl>
        <p className="note">{t('totals.note')}</p>
      </section>
      <PledgesAndReceipts data={data} />
      <WhereItWent data={data} />
    </>
  );
}
