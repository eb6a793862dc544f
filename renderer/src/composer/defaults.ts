import { useTranslation } from 'react-i18next';
import type { SimSlot } from '../../../shared/domain';
import type { MessageLanguage } from '../../../shared/opt-out-footer';
import { useInvoke } from '../api/hooks';
import { effectiveTimeZone } from '../../../shared/time-zone';

/** What a new message starts from: Settings' default phone, channel, country and zone. */
export function useComposerDefaults() {
  const settings = useInvoke('settings:get').data?.settings;
  return {
    ready: settings !== undefined,
    deviceId: settings?.defaultDeviceId ?? null,
    sim: (settings?.defaultSim ?? 0) as SimSlot,
    country: settings?.defaultCountry ?? 'BR',
    zone: effectiveTimeZone(settings?.timeZone),
  };
}

/** The opt-out footer's language that matches the screen's language. */
export function useFooterLanguage(): MessageLanguage {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('pt') ? 'pt' : i18n.language.startsWith('es') ? 'es' : 'en';
}
