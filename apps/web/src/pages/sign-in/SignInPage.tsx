import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAuthConfig, useSession, type AuthConfig } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { nextPath } from './next-path';
import { providerName, startProviderSignIn } from './provider-sign-in';

/** Why the last sign-in did not succeed, as GET /auth/link (or the callback) says it in `?error=`. */
const KNOWN_ERRORS = ['link-invalid', 'link-expired', 'link-used', 'links-not-accepted'] as const;

/**
 * The ways this service offers to sign in (GET /auth/config): with the fund's OpenID Connect
 * provider, and, on a local service, with a link its operator prints. `?next=` is where the
 * reader goes once signed in; `?error=` why the last attempt failed.
 */
export function SignInPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const config = useAuthConfig();
  const session = useSession();
  const next = nextPath(params.get('next') ?? '/');
  const error = params.get('error');

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {error !== null && (
        <div role="alert" className="problem">
          <p>
            <strong>{t('errors.title')}</strong>
          </p>
          <p>{(KNOWN_ERRORS as readonly string[]).includes(error) ? t(`errors.${error}`) : t('errors.unknown', { code: error })}</p>
        </div>
      )}
      {session.data?.signedIn === true && (
        <p className="notice">
          {t('signIn.signedInAs', { name: session.data.organisation ?? session.data.subject })} <Link to={next}>{t('signIn.continue')}</Link>
        </p>
      )}
      <p>{t('signIn.intro')}</p>
      <QueryState query={config}>{(options) => <SignInOptions options={options} next={next} />}</QueryState>
    </section>
  );
}

function SignInOptions({ options, next }: { options: AuthConfig; next: string }) {
  const { t } = useTranslation('auth');
  if (!options.oidc && !options.signInLink) return <p>{t('signIn.none')}</p>;
  return (
    <>
      {options.oidc && <ProviderSignIn provider={options.oidc} next={next} />}
      {options.signInLink && <LinkSignIn next={next} />}
    </>
  );
}

function ProviderSignIn({ provider, next }: { provider: NonNullable<AuthConfig['oidc']>; next: string }) {
  const { t } = useTranslation('auth');
  const [state, setState] = useState<{ busy: boolean; failure?: string }>({ busy: false });
  const name = providerName(provider);

  async function signIn() {
    setState({ busy: true });
    try {
      await startProviderSignIn(provider, next);
    } catch (failure) {
      // The provider could not be reached (discovery) or refused the request: say so here.
      setState({ busy: false, failure: (failure as Error).message });
    }
  }

  return (
    <section aria-labelledby="sign-in-provider">
      <h2 id="sign-in-provider">{t('signIn.provider.title')}</h2>
      <p>{t('signIn.provider.explain', { provider: name })}</p>
      <button type="button" onClick={() => void signIn()} disabled={state.busy} aria-busy={state.busy}>
        {t('signIn.provider.button', { provider: name })}
      </button>
      {state.failure !== undefined && (
        <p role="alert" className="problem">
          {t('signIn.provider.failed', { detail: state.failure })}
        </p>
      )}
    </section>
  );
}

function LinkSignIn({ next }: { next: string }) {
  const { t } = useTranslation('auth');
  const command = `npm run -s sign-in-link -- nora donor --organisation "Government of Norway"${next === '/' ? '' : ` --next ${next}`}`;
  return (
    <section aria-labelledby="sign-in-link">
      <h2 id="sign-in-link">{t('signIn.link.title')}</h2>
      <p>{t('signIn.link.explain')}</p>
      <pre className="command" tabIndex={0} aria-label={t('signIn.link.commandLabel')}>
        <code>{command}</code>
      </pre>
      <p>{t('signIn.link.then')}</p>
    </section>
  );
}
