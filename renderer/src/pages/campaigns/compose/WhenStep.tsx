import { useTranslation } from 'react-i18next';
import { PhoneChoices } from '../../../composer/PhonePicker';
import { WhenPicker } from '../../../composer/WhenPicker';
import composer from '../../../composer/composer.module.css';
import page from '../../../composer/sending.module.css';
import { Field } from '../../../ui';
import type { CampaignDraft } from './useCampaignDraft';

/** Step 3: the phones and SIMs to spread over (Settings' default ticked), the pace, and when it starts. */
export function WhenStep({ d }: { d: CampaignDraft }) {
  const { t } = useTranslation();
  const healthOf = (c: { deviceId: number; sim: number }) =>
    d.full?.plan?.phones.find((p) => p.deviceId === c.deviceId && p.sim === c.sim)?.health;
  return (
    <div className={composer.columns}>
      <div className={page.stack}>
        <PhoneChoices legend={t('campaigns.bulk.phones')} chosen={d.chosen} onChange={d.setChosen} healthOf={healthOf} />
        {/* Optional: folded until wanted (open while either is set), so the step fits one window. */}
        <details className={page.pacing} open={d.pacingOpen} onToggle={(e) => d.setPacingOpen(e.currentTarget.open)}>
          <summary>{t('campaigns.bulk.pacing')}</summary>
          <div className={page.stack}>
            <label className="check">
              <input type="checkbox" checked={d.quiet.on} onChange={(e) => d.setQuiet({ ...d.quiet, on: e.target.checked })} />
              {t('campaigns.bulk.quietHours')}
            </label>
            {d.quiet.on ? (
              <div className={page.inline}>
                <label>
                  {t('campaigns.bulk.quietFrom')}
                  <input
                    type="time"
                    value={d.quiet.from}
                    onChange={(e) => d.setQuiet({ ...d.quiet, from: e.target.value || d.quiet.from })}
                  />
                </label>
                <label>
                  {t('campaigns.bulk.quietUntil')}
                  <input
                    type="time"
                    value={d.quiet.until}
                    onChange={(e) => d.setQuiet({ ...d.quiet, until: e.target.value || d.quiet.until })}
                  />
                </label>
              </div>
            ) : null}
            <Field
              label={t('campaigns.bulk.dailyCap')}
              hint={t('campaigns.bulk.dailyCapHint')}
              {...(d.capInvalid ? { error: t('forms.atLeast', { minimum: 1 }) } : {})}
            >
              {(control) => (
                <input {...control} type="number" min={1} inputMode="numeric" value={d.cap} onChange={(e) => d.setCap(e.target.value)} />
              )}
            </Field>
            <p className="muted small">{t('campaigns.bulk.zone', { zone: d.defaults.zone })}</p>
          </div>
        </details>
      </div>
      <div className={page.stack}>
        <WhenPicker value={d.when} onChange={d.setWhen} zone={d.defaults.zone} schedule={d.full?.schedule ?? null} past={d.past} />
        {d.when.mode === 'at' ? (
          <fieldset className={page.stack} data-testid="hand-over">
            <legend>{t('sending.handOver.legend')}</legend>
            <label className="check">
              <input type="radio" name="hand-over" checked={d.handOver === 'gateway'} onChange={() => d.setHandOver('gateway')} />
              {t('sending.handOver.gateway')}
            </label>
            <label className="check">
              <input type="radio" name="hand-over" checked={d.handOver === 'keep-here'} onChange={() => d.setHandOver('keep-here')} />
              {t('sending.handOver.keepHere')}
            </label>
          </fieldset>
        ) : null}
      </div>
    </div>
  );
}
