import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/domain';
import { SCREENS, screenPath } from '../app/screens';
import { StatusBar } from './StatusBar';
import { DeviceBanner } from './DeviceBanner';
import { InboxBadge } from '../pages/inbox/InboxBadge';
import { NavIcon } from './NavIcon';

/**
 * Sidebar, the current screen, and a status bar. Every screen is one keyboard stop away, and a link. On a
 * narrow window (a laptop at 200 % zoom) the sidebar keeps only the icons (styles.css): each label stays in
 * the link, visually hidden, so the link keeps its name and shows it on hover and keyboard focus.
 */
export function Shell({ session, children }: { session: SessionState; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            R
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <ul>
          {SCREENS.map(({ id }) => (
            <li key={id}>
              <NavLink className="nav-item" to={screenPath(id)}>
                <NavIcon id={id} />
                <span className="nav-label">{t(`nav.${id}`)}</span>
                {id === 'inbox' ? <InboxBadge /> : null}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <DeviceBanner />
        {children}
      </main>
      <StatusBar session={session} />
    </div>
  );
}
