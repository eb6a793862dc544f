import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { SIM_SLOTS, type SimSlot } from '../../../../shared/domain';
import type { Settings } from '../../../../shared/settings';
import type { SettingsView } from '../../../../shared/ipc';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { pickLanguage } from '../../i18n';
import { systemTimeZone } from '../../format';

type Draft = Omit<Settings, 'schemaVersion'>;

const NOTIFY_OPTIONS = [
  ['deviceOffline', 'settings.notifyOffline'],
  ['deviceOnline', 'settings.notifyOnline'],
] as const satisfies readonly (readonly [keyof Settings['notifications'], string])[];

export function SettingsPage() {
  const { t } = useTranslation();
  const view = useInvoke('settings:get');
  if (!view.data) return <p>{view.error ? errorMessage(view.error) : t('common.loading')}</p>;
  const { schemaVersion: _version, ...initial } = view.data.settings;
  return <SettingsForm initial={initial} />;
}

function SettingsForm({ initial }: { initial: Draft }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const info = useInvoke('app:info');
  const devices = useInvoke('devices:snapshot');
  const update = useAction('settings:update');
  const [draft, setDraft] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(draft, {
      onSuccess: (settings) => {
        queryClient.setQueryData<SettingsView>(['settings:get'], { settings, corruptFileMovedTo: null });
        void i18n.changeLanguage(settings.language ?? pickLanguage(info.data?.locale));
      },
    });
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('settings.title')}</h1>
      <form className="settings-form" onSubmit={submit}>
        <label>
          {t('settings.language')}
          <select
            value={draft.language ?? ''}
            onChange={(e) => set('language', e.target.value === '' ? null : (e.target.value as 'en' | 'pt-BR'))}
          >
            <option value="">{t('settings.languageSystem')}</option>
            <option value="en">English</option>
            <option value="pt-BR">Português (Brasil)</option>
          </select>
        </label>
        <label>
          {t('settings.server')}
          <input type="url" required value={draft.serverUrl} onChange={(e) => set('serverUrl', e.target.value)} />
          <span className="hint">{t('settings.serverHint')}</span>
        </label>
        <label>
          {t('settings.defaultDevice')}
          <select
            value={draft.defaultDeviceId ?? ''}
            onChange={(e) => set('defaultDeviceId', e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">{t('settings.noDefaultDevice')}</option>
            {(devices.data?.devices ?? []).map(({ device }) => (
              <option key={device.id} value={device.id}>
                {device.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.defaultSim')}
          <select value={draft.defaultSim} onChange={(e) => set('defaultSim', Number(e.target.value) as SimSlot)}>
            {SIM_SLOTS.map((slot) => (
              <option key={slot} value={slot}>
                {t(`settings.sim.${slot}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.pollSeconds')}
          <input
            type="number"
            min={5}
            max={3600}
            required
            value={draft.devicePollSeconds}
            onChange={(e) => set('devicePollSeconds', Number(e.target.value))}
          />
        </label>
        <label>
          {t('settings.defaultCountry')}
          <input
            required
            pattern="[A-Za-z]{2}"
            maxLength={2}
            value={draft.defaultCountry}
            onChange={(e) => set('defaultCountry', e.target.value.toUpperCase())}
          />
          <span className="hint">{t('settings.defaultCountryHint')}</span>
        </label>
        <label>
          {t('settings.timeZone')}
          <select value={draft.timeZone ?? ''} onChange={(e) => set('timeZone', e.target.value === '' ? null : e.target.value)}>
            <option value="">{t('settings.timeZoneSystem', { zone: systemTimeZone() })}</option>
            {Intl.supportedValuesOf('timeZone').map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('settings.notifications')}</legend>
          {NOTIFY_OPTIONS.map(([key, label]) => (
            <label className="check" key={key}>
              <input
                type="checkbox"
                checked={draft.notifications[key]}
                onChange={(e) => set('notifications', { ...draft.notifications, [key]: e.target.checked })}
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        {update.error ? (
          <p role="alert" className="error">
            {errorMessage(update.error)}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" disabled={update.isPending}>
            {t('common.save')}
          </button>
          {update.isSuccess ? <span role="status">{t('common.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}
