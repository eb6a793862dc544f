import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import field from '../../ui/Field.module.css';
import { countryOptions, searchCountries } from './countries';
import styles from './SettingsPage.module.css';

/**
 * The default country as a list of names in the app's language, with a search box that narrows it (by
 * name, code or calling code). Only countries with phone numbers are in the list, so "XX" cannot be chosen.
 */
export function CountryField({
  value,
  registration,
  error,
}: {
  value: string;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const all = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const shown = searchCountries(all, query, value);
  const nothingFound = query.trim() !== '' && shown.every((option) => option.code === value);
  const described = [error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={field.field}>
      <label className={field.label} htmlFor={`${id}-select`}>
        {t('settings.defaultCountry')}
      </label>
      <div className={styles.searchable}>
        <select id={`${id}-select`} aria-invalid={Boolean(error)} aria-describedby={described} {...registration}>
          {shown.map((option) => (
            <option key={option.code} value={option.code}>
              {`${option.name} (${option.callingCode})`}
            </option>
          ))}
        </select>
        <input
          type="search"
          aria-label={t('screens.settings.countrySearch')}
          placeholder={t('screens.settings.countrySearch')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p id={`${id}-hint`} className={field.hint} aria-live="polite">
        {nothingFound ? t('screens.settings.countryNone', { query: query.trim() }) : t('settings.defaultCountryHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className={field.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
