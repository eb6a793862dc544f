import { useTranslation } from 'react-i18next';
import { SIM_CHANNEL, SIM_SLOTS, type SimSlot } from '../../../shared/domain';
import type { DeviceView, PhoneChoice, PlanView } from '../../../shared/ipc';
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
 * The SIM slots a phone has (a single-SIM phone has no "SIM 2"); both when the phone has not said. The
 * channels past the SIMs (WhatsApp…) belong to the app on the phone, not to a slot.
 */
export function simSlotsOf(device: DeviceView['device'] | undefined): SimSlot[] {
  const known = (device?.sims ?? []).map((s) => s.slot).filter((slot): slot is 0 | 1 => slot === 0 || slot === 1);
  return known.length > 0 ? [...new Set(known)].sort() : [0, 1];
}

/** The channels offered for a phone: its SIM slots, then every app channel. */
export const channelsOf = (device: DeviceView['device'] | undefined): SimSlot[] => [
  ...simSlotsOf(device),
  ...SIM_SLOTS.filter((slot) => !isSmsChannel(slot)),
];

/**
 * Which phone sends, and on which channel, named in words (never an id or a slot number). Offline phones
 * stay choosable (a newsletter waits for its phone) but say so.
 */
export function PhonePicker({
  deviceId,
  sim,
  onChange,
  error,
}: {
  deviceId: number | null;
  sim: SimSlot;
  onChange: (next: { deviceId: number | null; sim: SimSlot }) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const phones = usePhones();
  const simName = useSimName();
  const current = phones.find((p) => p.device.id === deviceId);
  return (
    <div className={styles.row}>
      <Field label={t('campaigns.phone.label')} error={error ?? (phones.length === 0 ? t('campaigns.phone.none') : undefined)}>
        {(control) => (
          <select
            {...control}
            value={deviceId ?? ''}
            onChange={(e) => onChange({ deviceId: e.target.value ? Number(e.target.value) : null, sim })}
          >
            <option value="" disabled>
              —
            </option>
            {phones.map(({ device, online }) => (
              <option key={device.id} value={device.id}>
                {t('campaigns.phone.option', {
                  title: device.title || t('campaigns.phone.unnamed', { id: device.id }),
                  state: t(online ? 'campaigns.phone.online' : 'campaigns.phone.offline'),
                })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('campaigns.sim.label')} hint={isSmsChannel(sim) ? undefined : t('campaigns.sim.notSms', { channel: simName(sim) })}>
        {(control) => (
          <select {...control} value={sim} onChange={(e) => onChange({ deviceId, sim: Number(e.target.value) as SimSlot })}>
            {/* Only the SIM slots the phone has (a single-SIM phone offers no "SIM 2"); the chosen one stays visible. */}
            {SIM_SLOTS.filter((slot) => slot === sim || channelsOf(current?.device).includes(slot)).map((slot) => (
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

const choiceKey = (c: PhoneChoice) => `${c.deviceId}:${c.sim}`;
type Health = PlanView['phones'][number]['health'];

/**
 * Several phones and SIMs ticked at once (a campaign spreads over them): each phone's SIM slots, named in
 * words, with its health (a plan's, else online / offline). SMS only: a campaign goes out as SMS.
 */
export function PhoneChoices({
  legend,
  chosen,
  onChange,
  healthOf,
}: {
  legend: string;
  chosen: PhoneChoice[];
  onChange: (next: PhoneChoice[]) => void;
  healthOf?: (choice: PhoneChoice) => Health | undefined;
}) {
  const { t } = useTranslation();
  const phones = usePhones();
  const simName = useSimName();
  const choices = phones.flatMap(({ device, online }) => {
    const slots = simSlotsOf(device);
    return slots.map((sim) => ({
      deviceId: device.id,
      sim,
      title: device.title || t('campaigns.phone.unnamed', { id: device.id }),
      online,
      several: slots.length > 1,
    }));
  });
  return (
    <fieldset className={styles.phones}>
      <legend>{legend}</legend>
      {choices.length === 0 ? <p className="muted small">{t('campaigns.phone.none')}</p> : null}
      {choices.map((c) => {
        const key = choiceKey(c);
        const health = healthOf?.(c) ?? (c.online ? 'good' : 'offline');
        return (
          <label key={key} className="check">
            <input
              type="checkbox"
              checked={chosen.some((x) => choiceKey(x) === key)}
              onChange={(e) =>
                onChange(e.target.checked ? [...chosen, { deviceId: c.deviceId, sim: c.sim }] : chosen.filter((x) => choiceKey(x) !== key))
              }
            />
            {c.several ? `${c.title} · ${simName(c.sim)}` : c.title}
            <span className={`pill ${health === 'good' ? 'good' : health === 'flaky' ? 'warn' : 'bad'}`}>
              {t(`campaigns.bulk.health.${health}`)}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}

/** Settings' default phone and SIM as a campaign's first choice, on a SIM slot the phone has (never a WhatsApp slot). */
export function defaultChoice(phones: DeviceView[], deviceId: number | null, sim: SimSlot): PhoneChoice[] {
  const phone = phones.find((p) => p.device.id === deviceId);
  if (!phone) return [];
  const slots = simSlotsOf(phone.device);
  return [{ deviceId: phone.device.id, sim: slots.includes(sim as 0 | 1) ? (sim as 0 | 1) : slots[0]! }];
}
