import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleView } from '../../../shared/ipc';
import { formatDateTime } from '../format';
import styles from './composer.module.css';

export interface WhenValue {
  mode: 'now' | 'at';
  /** datetime-local value, in the display zone. */
  wallTime: string;
}

/**
 * "Now" or a date and time picked on the user's clock. Once main has converted it (a preview's
 * ScheduleView), both zones are shown where the gateway's differs, with what the gateway will be sent.
 */
export function WhenPicker({
  value,
  onChange,
  zone,
  schedule,
  past,
}: {
  value: WhenValue;
  onChange: (next: WhenValue) => void;
  zone: string;
  schedule?: ScheduleView | null;
  past?: boolean;
}) {
  const { t } = useTranslation();
  const name = useId();
  const pastId = `${name}-past`;
  return (
    <fieldset className={styles.when}>
      <legend>{t('campaigns.when.legend')}</legend>
      <label className="check">
        <input type="radio" name={name} checked={value.mode === 'now'} onChange={() => onChange({ ...value, mode: 'now' })} />
        {t('campaigns.when.now')}
      </label>
      <label className="check">
        <input type="radio" name={name} checked={value.mode === 'at'} onChange={() => onChange({ ...value, mode: 'at' })} />
        {t('campaigns.when.at')}
      </label>
      {value.mode === 'at' ? (
        <label>
          {t('campaigns.when.pick')}
          <input
            type="datetime-local"
            value={value.wallTime}
            aria-invalid={past ?? false}
            {...(past ? { 'aria-describedby': pastId } : {})}
            onChange={(e) => onChange({ ...value, wallTime: e.target.value })}
          />
        </label>
      ) : null}
      {value.mode === 'at' && past ? (
        <p id={pastId} className={styles.fieldError}>
          {t('campaigns.when.past')}
        </p>
      ) : null}
      {value.mode === 'at' && schedule ? (
        <ScheduleZones schedule={schedule} />
      ) : value.mode === 'at' && value.wallTime ? (
        <p className={styles.zones}>{t('campaigns.when.yourTime', { time: value.wallTime.replace('T', ' '), zone })}</p>
      ) : null}
    </fieldset>
  );
}

/** A scheduled time on the user's clock, and on the gateway's where its zone differs (what the gateway is sent). */
export function ScheduleZones({ schedule }: { schedule: ScheduleView }) {
  const { t, i18n } = useTranslation();
  return (
    <p className={styles.zones} data-testid="schedule-zones">
      <span>
        {t('campaigns.when.yourTime', { time: formatDateTime(schedule.iso, i18n.language, schedule.localZone), zone: schedule.localZone })}
      </span>
      {schedule.differs ? (
        <span>
          {t('campaigns.when.gatewayTime', {
            time: formatDateTime(schedule.iso, i18n.language, schedule.gatewayZone),
            zone: schedule.gatewayZone,
          })}
        </span>
      ) : null}
    </p>
  );
}
