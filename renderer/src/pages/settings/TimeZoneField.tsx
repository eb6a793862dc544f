import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { systemTimeZone } from '../../format';
import { Field } from '../../ui';
import { groupZones, zoneOption } from './zones';

/** Region words the catalogue has ("America" → "Americas" / "Américas"); others show as they are. */
const REGIONS = [
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
  'Etc',
] as const;
type Region = (typeof REGIONS)[number];
const isRegion = (region: string): region is Region => (REGIONS as readonly string[]).includes(region);

/**
 * The display zone: "same as this computer" (with its city and offset) first, then the chosen zone, then
 * every zone grouped by region with its offset from UTC today.
 */
export function TimeZoneField({
  value,
  registration,
  error,
}: {
  value: string | null;
  registration: UseFormRegisterReturn;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const now = useMemo(() => new Date(), []);
  const system = zoneOption(systemTimeZone(), now);
  const current = value ? zoneOption(value, now) : null;
  const groups = useMemo(() => groupZones(Intl.supportedValuesOf('timeZone'), now, i18n.language, value), [now, i18n.language, value]);
  const label = (zone: { city: string; offset: string }) => t('screens.settings.zoneOption', { city: zone.city, offset: zone.offset });
  return (
    <Field label={t('settings.timeZone')} error={error}>
      {(control) => (
        <select {...control} {...registration}>
          <option value="">{t('screens.settings.zoneSystem', { city: system.city, offset: system.offset })}</option>
          {current ? (
            <optgroup label={t('screens.settings.zoneCurrent')}>
              <option value={current.id}>{label(current)}</option>
            </optgroup>
          ) : null}
          {groups.map((group) => (
            <optgroup key={group.region} label={isRegion(group.region) ? t(`screens.settings.regions.${group.region}`) : group.region}>
              {group.zones.map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {label(zone)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}
