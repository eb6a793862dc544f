import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/domain';
import { SCREENS, screenPath } from '../app/screens';
import { StatusBar } from './StatusBar';
import { DeviceBanner } from './DeviceBanner';
import { InboxBadge } from '../pages/inbox/InboxBadge';

/** Sidebar, the current screen, and a status bar. Every screen is one keyboard stop away, and a link. */
export function Shell({ session, children }: { session: SessionState; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">{t('app.name')}</div>
        <ul>
          {SCREENS.map(({ id }) => (
            <li key={id}>
              <NavLink className="nav-item" to={screenPath(id)}>
                {t(`nav.${id}`)}
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
