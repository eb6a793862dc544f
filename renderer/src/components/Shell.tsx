import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../shared/domain';
import { HomePage } from '../pages/home/HomePage';
import { DevicesPage } from '../pages/devices/DevicesPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { PlaceholderPage } from '../pages/placeholder/PlaceholderPage';
import { StatusBar } from './StatusBar';
import { DeviceBanner } from './DeviceBanner';

export type Section = 'home' | 'devices' | 'contacts' | 'newsletters' | 'messages' | 'send' | 'settings';
const SECTIONS: Section[] = ['home', 'devices', 'contacts', 'newsletters', 'messages', 'send', 'settings'];

function page(section: Section): ReactNode {
  switch (section) {
    case 'home':
      return <HomePage />;
    case 'devices':
      return <DevicesPage />;
    case 'settings':
      return <SettingsPage />;
    default:
      return <PlaceholderPage section={section} />;
  }
}

/** Sidebar, the current section, and a status bar. Every section is one keyboard stop away. */
export function Shell({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('home');
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">{t('app.name')}</div>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <button
                type="button"
                className="nav-item"
                aria-current={s === section ? 'page' : undefined}
                onClick={() => setSection(s)}
              >
                {t(`nav.${s}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" data-section={section}>
        <DeviceBanner />
        {page(section)}
      </main>
      <StatusBar session={session} />
    </div>
  );
}
