import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { SettingsView } from '../../../shared/ipc';
import { keys } from '../api/keys';

/** Told once per start: the settings file was unreadable and was moved aside (read at boot). */
export function SettingsResetNotice() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [movedTo, setMovedTo] = useState(() => queryClient.getQueryData<SettingsView>(keys.settings.view)?.corruptFileMovedTo ?? null);
  if (!movedTo) return null;
  return (
    <div role="alert" className="banner notice top-notice" data-testid="settings-reset">
      <span>{t('settings.corruptNotice', { file: movedTo })}</span>
      <button type="button" className="link-button" onClick={() => setMovedTo(null)}>
        {t('common.close')}
      </button>
    </div>
  );
}
