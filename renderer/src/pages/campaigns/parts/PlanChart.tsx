import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../../../../shared/ipc';
import { formatNumber } from '../../../format';
import { useSimName } from '../../../composer/PhonePicker';
import { durationText, formatWhen, PRECISE_SPAN_MS, WITHIN_MINUTE_MS } from '../../../composer/time';
import styles from './plan.module.css';

// The plan as a picture: one bar per phone on a shared time axis (from the first message to the last), the
// numbers beside it in words. Bars are SVG geometry, so the CSP's style rules have nothing to block.

/** Where each phone's bar sits on a 0–100 axis. A phone with nothing to send has no bar. */
export function planBars(plan: PlanView): { key: string; x: number; width: number }[] {
  const start = plan.firstAt ?? 0;
  const span = Math.max((plan.lastAt ?? start) - start, 1);
  return plan.phones.map((phone) => {
    const key = `${phone.deviceId}-${phone.sim}`;
    if (phone.firstAt === null || phone.lastAt === null || phone.count === 0) return { key, x: 0, width: 0 };
    const x = ((phone.firstAt - start) / span) * 100;
    return { key, x, width: Math.max(((phone.lastAt - phone.firstAt) / span) * 100, 1) };
  });
}

/** `compact`: beside a confirmation, each phone's words above its bar. */
export function PlanChart({ plan, compact = false }: { plan: PlanView; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const simName = useSimName();
  const lang = i18n.language;
  // A short plan (a few hundred messages) is shown to the second, so its times do not all read 12:00.
  const precise = plan.firstAt !== null && plan.lastAt !== null && plan.lastAt - plan.firstAt < PRECISE_SPAN_MS;
  const when = (ms: number) => formatWhen(ms, lang, plan.zone, precise);
  const bars = planBars(plan);
  return (
    <section className={compact ? `${styles.plan} ${styles.compact}` : styles.plan} aria-labelledby="plan-title" data-testid="plan">
      <h3 id="plan-title">{t('campaigns.plan.title')}</h3>
      <p className="muted small">
        {t('campaigns.plan.intro')}
        {plan.lastAt !== null ? ` ${t('campaigns.plan.ends', { time: when(plan.lastAt) })} · ${durationText(t, plan.durationMs)}` : ''}
      </p>
      <ul className={styles.planRows} aria-label={t('campaigns.plan.label')}>
        {plan.phones.map((phone, index) => {
          const bar = bars[index]!;
          const text =
            phone.count > 0 && phone.firstAt !== null && phone.lastAt !== null
              ? t(phone.lastAt - phone.firstAt < WITHIN_MINUTE_MS ? 'campaigns.plan.phoneWithinMinute' : 'campaigns.plan.phone', {
                  phone: phone.title,
                  sim: simName(phone.sim),
                  count: phone.count,
                  messages: formatNumber(phone.count, lang),
                  from: when(phone.firstAt),
                  until: when(phone.lastAt),
                })
              : t('campaigns.plan.nothing', { phone: phone.title, sim: simName(phone.sim) });
          return (
            <li key={bar.key} className={styles.planRow} data-health={phone.health}>
              <span className={styles.planText}>{text}</span>
              <svg viewBox="0 0 100 6" preserveAspectRatio="none" className={styles.planTrack} aria-hidden="true">
                <rect x="0" y="0" width="100" height="6" className={styles.trackBg} />
                {bar.width > 0 ? <rect x={bar.x} y="0" width={bar.width} height="6" className={styles[`bar-${phone.health}`]} /> : null}
              </svg>
            </li>
          );
        })}
        {plan.excluded.map((phone) => (
          <li key={`x-${phone.deviceId}-${phone.sim}`} className={styles.planRow} data-health="offline">
            <span className={styles.planText}>{t('campaigns.plan.nothing', { phone: phone.title, sim: simName(phone.sim) })}</span>
          </li>
        ))}
      </ul>
      {plan.firstAt !== null && plan.lastAt !== null ? (
        <p className={`${styles.axis} muted small`} aria-hidden="true">
          <span>{when(plan.firstAt)}</span>
          <span>{when(plan.lastAt)}</span>
        </p>
      ) : null}
      {plan.spillsToLaterDays ? <p className="notice">{t('campaigns.plan.spills')}</p> : null}
    </section>
  );
}
