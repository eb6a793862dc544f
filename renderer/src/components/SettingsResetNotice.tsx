import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { SettingsView } from '../../../shared/ipc';
import type { Settings } from '../../../shared/settings';
import { keys } from '../api/keys';

/** Each stored setting's label on the Settings screen, to name the ones that were reset. */
const LABELS = {
  serverUrl: 'settings.server',
  defaultDeviceId: 'settings.defaultDevice',
  defaultSim: 'settings.defaultSim',
  devicePollSeconds: 'settings.pollSeconds',
  language: 'settings.language',
  defaultCountry: 'settings.defaultCountry',
  timeZone: 'settings.timeZone',
  notifications: 'settings.notifications',
} as const satisfies Partial<Record<keyof Settings, string>>;

/**
 * Told once per start (read at boot): the settings file was unreadable and moved aside, or some of its values
 * were not valid and fell back to their defaults (the others kept) — then the notice names them.
 */
export function SettingsResetNotice() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [view, setView] = useState(() => queryClient.getQueryData<SettingsView>(keys.settings.view) ?? null);
  const movedTo = view?.corruptFileMovedTo ?? null;
  if (!movedTo) return null;
  const fields = [...new Set((view?.resetFields ?? []).map((field) => field.split('.')[0] as keyof typeof LABELS))]
    .map((field) => (field in LABELS ? t(LABELS[field]) : field))
    .join(', ');
  return (
    <div role="alert" className="banner notice top-notice" data-testid="settings-reset">
      <span>{fields ? t('settings.resetNotice', { fields, file: movedTo }) : t('settings.corruptNotice', { file: movedTo })}</span>
      <button type="button" className="link-button" onClick={() => setView(null)}>
        {t('common.close')}
      </button>
    </div>
  );
}
