import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { Button, Field } from '../../ui';
import styles from './DesktopSettings.module.css';

// Settings → "This computer": start at login, updates, theme, and what support needs (diagnostics, the logs
// folder). Each switch saves at once through settings:update (main applies it: login item, updater, nativeTheme);
// it lives apart from the main settings form so neither sends the other's values back stale.

type Desktop = Settings['desktop'];
const THEMES = [
  ['system', 'desktop.settings.themeSystem'],
  ['light', 'desktop.settings.themeLight'],
  ['dark', 'desktop.settings.themeDark'],
] as const satisfies readonly (readonly [Desktop['theme'], string])[];

export function DesktopSettings() {
  const { t } = useTranslation();
  const stored = useInvoke('settings:get').data?.settings.desktop;
  const update = useAction('settings:update', { writes: 'settings:changed' });
  const diagnostics = useAction('desktop:copyDiagnostics');
  const logs = useAction('desktop:openLogs');
  const [copied, setCopied] = useState(false);
  // Shown at once while main saves it; then the stored value again (the saved one, or the old one on error).
  const [pending, setPending] = useState<Desktop | null>(null);
  const desktop = pending ?? stored;
  if (!desktop) return null;
  const save = (patch: Partial<Desktop>) => {
    setPending({ ...desktop, ...patch });
    update.mutate({ desktop: patch }, { onSettled: () => setPending(null) });
  };

  return (
    <section aria-labelledby="desktop-settings-title" className={styles.section}>
      <h2 id="desktop-settings-title">{t('desktop.settings.title')}</h2>
      <p className="muted small">{t('desktop.settings.intro')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={desktop.startAtLogin}
          onChange={(e) => save({ startAtLogin: e.target.checked, askedStartAtLogin: true })}
        />
        {t('desktop.settings.startAtLogin')}
      </label>
      <label className="check">
        <input type="checkbox" checked={desktop.autoUpdate} onChange={(e) => save({ autoUpdate: e.target.checked })} />
        {t('desktop.settings.autoUpdate')}
      </label>
      <Field label={t('desktop.settings.theme')}>
        {(control) => (
          <select {...control} value={desktop.theme} onChange={(e) => save({ theme: e.target.value as Desktop['theme'] })}>
            {THEMES.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {update.isError ? (
        <p role="alert" className="error">
          {errorMessage(update.error)}
        </p>
      ) : null}
      <div className={styles.support}>
        <Button
          onClick={() => {
            setCopied(false);
            diagnostics.mutate(undefined, { onSuccess: (result) => setCopied(result.copied) });
          }}
          disabled={diagnostics.isPending}
          aria-describedby="diagnostics-hint"
        >
          {t('desktop.settings.diagnostics')}
        </Button>
        <Button onClick={() => logs.mutate(undefined)}>{t('desktop.settings.logsFolder')}</Button>
      </div>
      <p id="diagnostics-hint" className="muted small">
        {t('desktop.settings.diagnosticsHint')}
      </p>
      {copied ? <p role="status">{t('desktop.settings.diagnosticsCopied')}</p> : null}
    </section>
  );
}
