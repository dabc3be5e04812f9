import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { sendJson } from '../../api/client';
import { SESSION_KEY, useAuthConfig, type Session } from '../../api/session';
import { ProblemMessage } from '../../components/QueryState';
import { nextPath } from './next-path';
import { finishProviderSignIn } from './provider-sign-in';

/**
 * Where the provider sends the browser back (`/sign-in/callback?code=…&state=…`): the code
 * becomes tokens, the access token becomes the session cookie (POST /auth/session), and the
 * page is replaced by `next`, so code and state leave the address and the history.
 */
export function SignInCallbackPage() {
  const { t } = useTranslation('auth');
  const config = useAuthConfig();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<unknown>();
  // A code is good once: never exchanged twice, even if the page renders again.
  const started = useRef(false);
  const provider = config.data?.oidc;

  useEffect(() => {
    if (started.current || config.isPending) return;
    started.current = true;
    void (async () => {
      try {
        if (!provider) throw new Error(t('callback.noProvider'));
        const { accessToken, next } = await finishProviderSignIn(provider);
        const session = await sendJson<Session>('POST', '/auth/session', undefined, { authorization: `Bearer ${accessToken}` });
        queryClient.setQueryData(SESSION_KEY, session);
        // What was read before signing in was read as a visitor: read it again with the session's rights.
        await queryClient.invalidateQueries();
        navigate(nextPath(next), { replace: true });
      } catch (error) {
        // Leave the code out of the address and the history even when it failed.
        window.history.replaceState(null, '', '/sign-in/callback');
        setFailure(error);
      }
    })();
  }, [config.isPending, provider, queryClient, navigate, t]);

  return (
    <section aria-labelledby="callback-title">
      <h1 id="callback-title">{t('callback.title')}</h1>
      {failure === undefined ? (
        <p role="status">{t('callback.working')}</p>
      ) : (
        <>
          <p>{t('callback.failed')}</p>
          <ProblemMessage error={failure} />
          <p>
            <Link to="/sign-in">{t('callback.retry')}</Link> · <Link to="/">{t('callback.home')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
