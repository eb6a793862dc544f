import { useTranslation } from 'react-i18next';
import { SIM_SLOTS } from '../../../../shared/domain';
import { settingsPatchSchema, type Settings } from '../../../../shared/settings';
import { useAction, useInvoke } from '../../api/hooks';
import { errorMessage } from '../../api/client';
import { showServerError, useContractForm } from '../../forms/contract-form';
import { Button, Field } from '../../ui';
import { DesktopSettings } from './DesktopSettings';
import { CountryField } from './CountryField';
import { TimeZoneField } from './TimeZoneField';
import styles from './SettingsPage.module.css';

// The desktop switches save themselves in their own section (DesktopSettings), so this form never sends them back stale.
type Draft = Omit<Settings, 'schemaVersion' | 'desktop'>;

const NOTIFY_OPTIONS = [
  ['deviceOffline', 'settings.notifyOffline'],
  ['deviceOnline', 'settings.notifyOnline'],
] as const satisfies readonly (readonly [keyof Settings['notifications'], string])[];

const FIELDS = [
  'language',
  'serverUrl',
  'defaultDeviceId',
  'defaultSim',
  'devicePollSeconds',
  'historyDays',
  'defaultCountry',
  'timeZone',
  'notifications',
] as const;
/** How far back the history reaches: the usual choices, and whatever was stored if it is another. */
const HISTORY_CHOICES = [7, 30, 90, 365] as const;

// react-hook-form runs these on the DOM's string and on stored values alike (null for "none").
/** Empty option = "none / same as the system". */
const orNull = (value: string | number | null | undefined) =>
  value === '' || value === null || value === undefined ? null : String(value);
const numberOrNull = (value: unknown) => (value === '' || value === null || value === undefined ? null : Number(value));
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

export function SettingsPage() {
  const { t } = useTranslation();
  const view = useInvoke('settings:get');
  if (!view.data) {
    return view.error ? (
      <p role="alert" className="error">
        {errorMessage(view.error)}
      </p>
    ) : (
      <p>{t('common.loading')}</p>
    );
  }
  const { schemaVersion: _version, desktop: _desktop, ...initial } = view.data.settings;
  return (
    <>
      <SettingsForm initial={initial} />
      <DesktopSettings />
    </>
  );
}

function SettingsForm({ initial }: { initial: Draft }) {
  const { t } = useTranslation();
  const devices = useInvoke('devices:snapshot');
  // Saved settings reach the cache like main's settings:changed event; the language follows from there.
  const update = useAction('settings:update', { writes: 'settings:changed' });
  // The contract's own schema for settings:update: the form accepts exactly what main accepts.
  const form = useContractForm(settingsPatchSchema, { defaultValues: initial });
  const { errors } = form.formState;

  const submit = form.handleSubmit((patch) => {
    update.mutate(patch, {
      onSuccess: ({ schemaVersion: _version, desktop: _desktop, ...saved }) => form.reset(saved),
      onError: (error) => showServerError(form, error, FIELDS),
    });
  });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('settings.title')}</h1>
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('settings.language')} error={errors.language?.message}>
          {(control) => (
            <select {...control} {...form.register('language', { setValueAs: orNull })}>
              <option value="">{t('settings.languageSystem')}</option>
              <option value="en">English</option>
              <option value="pt-BR">Português (Brasil)</option>
            </select>
          )}
        </Field>
        <Field label={t('settings.defaultDevice')} error={errors.defaultDeviceId?.message}>
          {(control) => (
            <select {...control} {...form.register('defaultDeviceId', { setValueAs: numberOrNull })}>
              <option value="">{t('settings.noDefaultDevice')}</option>
              {(devices.data?.devices ?? []).map(({ device }) => (
                <option key={device.id} value={device.id}>
                  {device.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.defaultSim')} error={errors.defaultSim?.message}>
          {(control) => (
            <select {...control} {...form.register('defaultSim', { setValueAs: Number })}>
              {SIM_SLOTS.map((slot) => (
                <option key={slot} value={slot}>
                  {t(`settings.sim.${slot}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.pollSeconds')} error={errors.devicePollSeconds?.message}>
          {(control) => (
            <input type="number" inputMode="numeric" {...control} {...form.register('devicePollSeconds', { valueAsNumber: true })} />
          )}
        </Field>
        <Field label={t('settings.historyDays')} hint={t('settings.historyDaysHint')} error={errors.historyDays?.message}>
          {(control) => (
            <select {...control} {...form.register('historyDays', { setValueAs: Number })}>
              {[...new Set([...HISTORY_CHOICES, initial.historyDays])]
                .sort((a, b) => a - b)
                .map((days) => (
                  <option key={days} value={days}>
                    {t('settings.historyDaysOption', { count: days })}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <CountryField
          value={form.watch('defaultCountry') ?? ''}
          registration={form.register('defaultCountry')}
          error={errors.defaultCountry?.message}
        />
        <TimeZoneField
          value={form.watch('timeZone') ?? null}
          registration={form.register('timeZone', { setValueAs: orNull })}
          error={errors.timeZone?.message}
        />
        <fieldset>
          <legend>{t('settings.notifications')}</legend>
          {NOTIFY_OPTIONS.map(([key, label]) => (
            <label className="check" key={key}>
              <input type="checkbox" {...form.register(`notifications.${key}`)} />
              {t(label)}
            </label>
          ))}
        </fieldset>
        {/* Open by itself when the server address is what needs fixing. */}
        <details className={styles.advanced} open={errors.serverUrl ? true : undefined}>
          <summary>{t('screens.settings.advanced')}</summary>
          <Field
            label={t('settings.server')}
            hint={`${t('screens.settings.advancedHint')} ${t('settings.serverHint')}`}
            error={errors.serverUrl?.message}
          >
            {(control) => <input type="url" {...control} {...form.register('serverUrl', { setValueAs: trimmed })} />}
          </Field>
        </details>
        {errors.root?.['server'] ? (
          <p role="alert" className="error">
            {errors.root['server'].message}
          </p>
        ) : null}
        <div className="actions">
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {t('common.save')}
          </Button>
          {update.isSuccess && !form.formState.isDirty ? <span role="status">{t('common.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}
