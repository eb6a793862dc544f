import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceTransition } from '../../../shared/ipc';
import { useCached } from '../api/hooks';
import { keys } from '../api/keys';

/** The latest phone transition (written by LiveEvents), shown on every screen until dismissed. */
export function DeviceBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const latest = useCached<DeviceTransition>(keys.devices.lastTransition);
  if (!latest) return null;
  return (
    <div role="status" className={`banner ${latest.online ? 'good' : 'bad'}`} data-testid="device-banner">
      <span>{t(latest.online ? 'devices.cameOnline' : 'devices.wentOffline', { title: latest.title })}</span>
      <button type="button" className="link-button" onClick={() => queryClient.setQueryData(keys.devices.lastTransition, null)}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}
