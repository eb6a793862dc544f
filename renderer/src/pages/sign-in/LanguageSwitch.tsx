import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain';
import { useAction } from '../../api/hooks';

// The language, before signing in: someone who does not read the system's language can change it here, and
// it is the same choice as Settings → Language (kept for the app, its notifications, the tray and the CLI).

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const update = useAction('settings:update', { writes: 'settings:changed' });
  const current: Language = i18n.language === 'pt-BR' ? 'pt-BR' : 'en';
  return (
    <label className="muted small language-switch">
      {t('settings.language')}{' '}
      <select
        value={current}
        onChange={(event) => {
          const language = event.target.value as Language;
          void i18n.changeLanguage(language);
          update.mutate({ language });
        }}
      >
        {/* Each language in its own words. */}
        <option value="en">English</option>
        <option value="pt-BR">Português (Brasil)</option>
      </select>
    </label>
  );
}
