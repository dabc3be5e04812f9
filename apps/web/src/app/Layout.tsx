import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { ApiProblem } from '../api/client';
import { SESSION_KEY, signOut, useAuthConfig, useSession } from '../api/session';
import { INTERFACE_LANGUAGES } from '../i18n/i18n';
import { AsOfBanner } from '../pages/explorer/AsOfBanner';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'Français', es: 'Español' };

/** Header (navigation, language, who is signed in), the page, and a footer — on every page. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const config = useAuthConfig();
  const queryClient = useQueryClient();
  const location = useLocation();
  const signedIn = session.data?.signedIn === true;
  const isDonor = signedIn && (session.data?.roles ?? []).includes('donor');
  // Staff work in the workbench; a donor's session (or a visitor) has nothing to do there.
  const isStaff = signedIn && (session.data?.roles ?? []).some((role) => role !== 'donor');
  const onSignInPage = location.pathname === '/sign-in' || location.pathname.startsWith('/sign-in/');
  const here = `${location.pathname}${location.search}`;
  // A fund that does not publish: its pages are for those signed in (the sign-in pages aside).
  const portalClosed = config.data?.publicPortal === false && !onSignInPage;

  // A read refused 401 means the session has ended (or never was): ask again who is signed
  // in, so the header and the pages stop showing a session the API no longer honours.
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        const error = event.type === 'updated' && event.action.type === 'error' ? event.action.error : undefined;
        if (error instanceof ApiProblem && error.status === 401) void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }),
    [queryClient],
  );

  async function leave() {
    try {
      await signOut();
    } finally {
      // Everything cached was read with the session's rights: forget it and read again as
      // a visitor; the page stays, so one that needs a session asks to sign in again.
      await queryClient.resetQueries();
    }
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="site-header">
        <div className="brand">
          <NavLink to="/">{t('layout.brand')}</NavLink>
        </div>
        <nav aria-label={t('layout.mainNavigation')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.overview')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/portal/projects">{t('nav.projects')}</NavLink>
            </li>
            <li>
              <NavLink to="/portal/envelopes">{t('nav.envelopes')}</NavLink>
            </li>
            <li>
              <NavLink to="/portal/contributions">{t('nav.contributions')}</NavLink>
            </li>
            {isStaff && (
              <li>
                <NavLink to="/workbench">{t('nav.workbench')}</NavLink>
              </li>
            )}
            {isStaff && (
              <li>
                <NavLink to="/explorer">{t('nav.explorer')}</NavLink>
              </li>
            )}
            {isDonor && (
              <li>
                <NavLink to="/portal/my-contributions">{t('nav.myContributions')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="header-tools">
          <label className="language-switcher">
            <span>{t('layout.language')}</span>
            <select value={i18n.resolvedLanguage ?? 'en'} onChange={(event) => void i18n.changeLanguage(event.target.value)}>
              {INTERFACE_LANGUAGES.map((language) => (
                <option key={language} value={language} lang={language}>
                  {LANGUAGE_NAMES[language]}
                </option>
              ))}
            </select>
          </label>
          {signedIn ? (
            <span className="session">
              <span>{t('layout.signedInAs', { name: session.data?.organisation ?? session.data?.subject })}</span>{' '}
              <button type="button" className="link-button" onClick={() => void leave()}>
                {t('layout.signOut')}
              </button>
            </span>
          ) : (
            (config.data?.oidc || config.data?.signInLink) && (
              <NavLink to={onSignInPage ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`}>{t('layout.signIn')}</NavLink>
            )
          )}
        </div>
      </header>
      <AsOfBanner />
      <main id="main" className="page" tabIndex={-1}>
        {portalClosed && session.isPending ? (
          <p role="status" className="loading">
            {t('state.loading')}
          </p>
        ) : portalClosed && !signedIn ? (
          <section>
            <h1>{t('layout.portalClosedTitle')}</h1>
            <p>{t('layout.portalClosed')}</p>
            <p>
              <NavLink className="button" to={`/sign-in?next=${encodeURIComponent(here)}`}>
                {t('layout.signIn')}
              </NavLink>
            </p>
          </section>
        ) : (
          <Outlet />
        )}
      </main>
      <footer className="site-footer">
        <p>
          {t('layout.footer')} <a href="/docs">{t('layout.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
