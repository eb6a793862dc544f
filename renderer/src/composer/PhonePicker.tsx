import { useTranslation } from 'react-i18next';
import { SIM_CHANNEL, SIM_SLOTS, type SimSlot } from '../../../shared/domain';
import type { DeviceView } from '../../../shared/ipc';
import { useInvoke } from '../api/hooks';
import { Field } from '../ui';
import styles from './composer.module.css';

/** The account's phones as the monitor last saw them ([] until it has). */
export function usePhones(): DeviceView[] {
  return useInvoke('devices:snapshot').data?.devices ?? [];
}

/** A phone's name for people: its title, else "Phone 12". */
export function usePhoneName() {
  const { t } = useTranslation();
  const phones = usePhones();
  return (deviceId: number, fallback?: string) =>
    phones.find((p) => p.device.id === deviceId)?.device.title || fallback || t('campaigns.phone.unnamed', { id: deviceId });
}

/** The channel's words: "SIM 1 (SMS)", "WhatsApp Business"… */
export function useSimName() {
  const { t } = useTranslation();
  return (sim: SimSlot) => t(`settings.sim.${sim}`);
}

export const isSmsChannel = (sim: SimSlot) => SIM_CHANNEL[sim] === 'sms';

/**
 * Which phone sends, and on which channel, named in words (never an id or a slot number). Offline phones
 * stay choosable (a newsletter waits for its phone) but say so.
 */
export function PhonePicker({ deviceId, sim, onChange, error }: { deviceId: number | null; sim: SimSlot; onChange: (next: { deviceId: number | null; sim: SimSlot }) => void; error?: string }) {
  const { t } = useTranslation();
  const phones = usePhones();
  const simName = useSimName();
  const current = phones.find((p) => p.device.id === deviceId);
  return (
    <div className={styles.row}>
      <Field label={t('campaigns.phone.label')} error={error ?? (phones.length === 0 ? t('campaigns.phone.none') : undefined)}>
        {(control) => (
          <select {...control} value={deviceId ?? ''} onChange={(e) => onChange({ deviceId: e.target.value ? Number(e.target.value) : null, sim })}>
            <option value="" disabled>
              —
            </option>
            {phones.map(({ device, online }) => (
              <option key={device.id} value={device.id}>
                {t('campaigns.phone.option', { title: device.title || t('campaigns.phone.unnamed', { id: device.id }), state: t(online ? 'campaigns.phone.online' : 'campaigns.phone.offline') })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('campaigns.sim.label')} hint={isSmsChannel(sim) ? undefined : t('campaigns.sim.notSms', { channel: simName(sim) })}>
        {(control) => (
          <select {...control} value={sim} onChange={(e) => onChange({ deviceId, sim: Number(e.target.value) as SimSlot })}>
            {/* Only the SIM slots the phone has (a single-SIM phone offers no "SIM 2"); the chosen one stays visible. */}
            {SIM_SLOTS.filter((slot) => slot === sim || !(slot < 2 && current !== undefined && current.device.sims.length > 0 && !current.device.sims.some((s) => s.slot === slot))).map((slot) => (
              <option key={slot} value={slot}>
                {simName(slot)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
