import { useCallback } from 'react';
import { formatPhone } from '../../../../shared/phone-format';
import { useInvoke } from '../../api/hooks';

/** Numbers in the format people write them, for the account's country (Settings). */
export function usePhoneFormat(): (phone: string) => string {
  const settings = useInvoke('settings:get');
  const country = settings.data?.settings.defaultCountry ?? 'BR';
  return useCallback((phone: string) => formatPhone(phone, country), [country]);
}
