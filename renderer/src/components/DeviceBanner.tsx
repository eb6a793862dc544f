import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTransition } from '../../../shared/ipc';
import { useEvent } from '../api/hooks';

/** The latest phone transition, shown on every screen until dismissed. */
export function DeviceBanner() {
  const { t } = useTranslation();
  const [latest, setLatest] = useState<DeviceTransition | null>(null);
  useEvent('devices:transition', useCallback((transition: DeviceTransition) => setLatest(transition), []));
  if (!latest) return null;
  return (
    <div role="status" className={`banner ${latest.online ? 'good' : 'bad'}`} data-testid="device-banner">
      <span>{t(latest.online ? 'devices.cameOnline' : 'devices.wentOffline', { title: latest.title })}</span>
      <button type="button" className="link-button" onClick={() => setLatest(null)}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}
