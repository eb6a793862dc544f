import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import type { NewsletterView } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useInvoke } from '../../api/hooks';
import { formatDateTime } from '../../format';
import { Button, EmptyState, etaText } from '../../ui';
import { useSearchParamsState } from '../../app/search-params';
import { CampaignResults } from '../campaigns/results/CampaignResults';
import { usePhoneName, useSimName } from '../../composer/PhonePicker';
import { FailureGroups } from '../../progress/FailureGroups';
import { StatusBar } from '../../progress/StatusBar';
import { useNow } from '../../ui/useNow';
import page from '../../composer/sending.module.css';
import { useFocusOnAppear } from '../../composer/focus';
import { stalledFor } from '../../progress/stall';
import { NewsletterComposer } from './NewsletterComposer';
import type { Created } from './NewsletterReview';

// Newsletters (savepaket): one body to every contact of the chosen tags, run by one phone once someone
// presses Start in the app on it. Compose in steps (NewsletterComposer) → created → watch its progress here.

/** #/newsletters?id=4&view=results: how one newsletter did (its messages in the history, by paket id). */
const newslettersParams = z.object({ id: z.coerce.number().int().positive().optional(), view: z.enum(['results']).optional() });

export function NewslettersPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<Created | null>(null);
  const [{ id, view }, setParams] = useSearchParamsState(newslettersParams);
  if (id !== undefined && view === 'results') {
    return (
      <section aria-labelledby="results-title" className={page.page}>
        <CampaignResults send={{ kind: 'newsletter', id }} onBack={() => setParams({ id: undefined, view: undefined })} />
      </section>
    );
  }
  return (
    <section aria-labelledby="page-title" className={page.page}>
      <h1 id="page-title">{t('campaigns.newsletters.title')}</h1>
      <p className={`muted ${page.intro}`}>{t('campaigns.newsletters.intro')}</p>
      {created ? <CreatedNotice created={created} onAnother={() => setCreated(null)} /> : <NewsletterComposer onCreated={setCreated} />}
      <NewsletterRegistry />
    </section>
  );
}

function CreatedNotice({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusOnAppear<HTMLHeadingElement>(created.newsletter.id);
  const campaign = created.campaign?.campaign ?? null;
  return (
    <section className={`${page.panel} ${page.created}`} aria-labelledby="created-title" data-testid="newsletter-created">
      {campaign ? (
        <>
          <h2 id="created-title" tabIndex={-1} ref={heading}>
            {t('campaigns.newsletters.sentAsCampaign', { title: created.newsletter.title })}
          </h2>
          <p role="status">
            {t('campaigns.newsletters.sentAsCampaignBody', { count: campaign.recipients, left: created.newsletter.optedOut.count })}{' '}
            <Link to={`/campaigns?id=${campaign.id}`}>{t('campaigns.newsletters.watchCampaign')}</Link>
          </p>
        </>
      ) : (
        <>
          <h2 id="created-title" tabIndex={-1} ref={heading}>
            {t('campaigns.newsletters.created', { title: created.newsletter.title })}
          </h2>
          <p className={page.reminder} role="status">
            {t('campaigns.newsletters.pressStart', { phone: created.startOn.title })}
          </p>
        </>
      )}
      <div className={page.actions}>
        <Button onClick={onAnother}>{t('campaigns.newsletters.compose')}</Button>
      </div>
    </section>
  );
}

/** Every newsletter created here, newest first, each with its live progress per status. */
function NewsletterRegistry() {
  const { t } = useTranslation();
  const list = useInvoke('newsletters:list');
  return (
    <section aria-labelledby="registry-title">
      <h2 id="registry-title">{t('campaigns.newsletters.registry')}</h2>
      {list.error ? (
        <p role="alert" className="error">
          {errorMessage(list.error)}
        </p>
      ) : null}
      {list.data && list.data.length === 0 ? <EmptyState>{t('campaigns.newsletters.registryEmpty')}</EmptyState> : null}
      <ul className={page.registry}>
        {(list.data ?? []).map((newsletter) => (
          <NewsletterEntry key={newsletter.id} newsletter={newsletter} />
        ))}
      </ul>
    </section>
  );
}

function NewsletterEntry({ newsletter }: { newsletter: NewsletterView }) {
  const { t, i18n } = useTranslation();
  const settings = useInvoke('settings:get').data?.settings;
  const zone = settings?.timeZone ?? null;
  const phoneName = usePhoneName();
  const simName = useSimName();
  // No polling here: main's watcher (campaigns/watch.ts) re-reads every newsletter not final yet each round and
  // pushes newsletters:changed when its counts move, which reads the list again (api/live.tsx).
  const lang = i18n.language;
  const now = useNow(30_000);
  const phone = phoneName(newsletter.deviceId, newsletter.deviceTitle);
  const state = newsletter.state;
  return (
    <li className={page.entry} data-testid={`newsletter-${newsletter.id}`} data-state={state}>
      <div className={page.entryHead}>
        <h3>{newsletter.title}</h3>
        {state === 'created' && newsletter.waitingForStart ? (
          <span className="pill warn">{t('campaigns.newsletters.pressStart', { phone })}</span>
        ) : null}
        {state === 'creating' ? <span className="pill warn">{t('campaigns.newsletters.state.creating')}</span> : null}
        {state === 'unknown' ? <span className="pill bad">{t('campaigns.newsletters.state.unknown')}</span> : null}
        {state === 'campaign' ? <span className="pill good">{t('campaigns.newsletters.state.campaign')}</span> : null}
        {state === 'created' && !newsletter.waitingForStart ? (
          <Link to={`?id=${newsletter.id}&view=results`}>{t('results.open')}</Link>
        ) : null}
      </div>
      {state === 'unknown' ? (
        <p role="alert" className="notice">
          {t('campaigns.newsletters.unknownOutcome', { phone })}
        </p>
      ) : null}
      {state === 'campaign' && newsletter.campaignId !== null ? (
        <p>
          {t('campaigns.newsletters.sentAsCampaignBody', { count: newsletter.recipients, left: newsletter.optedOut.count })}{' '}
          <Link to={`/campaigns?id=${newsletter.campaignId}`}>{t('campaigns.newsletters.watchCampaign')}</Link>
        </p>
      ) : null}
      {newsletter.optedOut.decision === 'include' && newsletter.optedOut.count > 0 ? (
        <p className="muted small">{t('campaigns.newsletters.optedOut.included', { count: newsletter.optedOut.count })}</p>
      ) : null}
      <dl className="facts">
        <dt>{t('campaigns.newsletters.entry.id')}</dt>
        <dd>{newsletter.paketId > 0 ? newsletter.paketId : '—'}</dd>
        <dt>{t('campaigns.newsletters.entry.tags')}</dt>
        <dd>{newsletter.tags.map((tag) => tag.title).join(', ')}</dd>
        <dt>{t('campaigns.newsletters.entry.phone')}</dt>
        <dd>{`${phoneName(newsletter.deviceId, newsletter.deviceTitle)} · ${simName(newsletter.sim)}`}</dd>
        <dt>{t('campaigns.newsletters.entry.created')}</dt>
        <dd>{formatDateTime(new Date(newsletter.createdAt).toISOString(), lang, zone)}</dd>
        <dt>{t('campaigns.newsletters.entry.scheduled')}</dt>
        <dd>{newsletter.sendAt ? formatDateTime(newsletter.sendAt, lang, zone) : t('campaigns.newsletters.entry.now')}</dd>
      </dl>
      {state === 'created' ? (
        <>
          <StatusBar counts={newsletter.counts} label={t('campaigns.newsletters.progress', { title: newsletter.title })} />
          {newsletter.final ? (
            <p className="muted small">{t('campaigns.status.done')}</p>
          ) : !newsletter.waitingForStart ? (
            <p className="muted small" aria-live="polite">
              {etaText(t, newsletter.etaSeconds)}
            </p>
          ) : null}
          {newsletter.stall ? (
            <p role="alert" className="notice" data-testid="newsletter-stall">
              {t('campaigns.status.stalled', { phone: newsletter.stall.title, ...stalledFor(newsletter.stall, now, lang) })}
            </p>
          ) : null}
          {newsletter.failures.length > 0 ? (
            <section aria-label={t('campaigns.failures.title')}>
              <FailureGroups groups={newsletter.failures} />
            </section>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
