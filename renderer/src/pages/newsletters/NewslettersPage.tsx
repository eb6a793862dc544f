import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import type { SimSlot } from '../../../../shared/domain';
import type { JobView } from '../../../../shared/jobs';
import type { CampaignSummary, NewsletterPreview, NewsletterView } from '../../../../shared/ipc';
import { withOptOutFooter, OPT_OUT_FOOTERS } from '../../../../shared/opt-out-footer';
import { ApiError, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { formatDateTime, formatNumber } from '../../format';
import { Button, ConfirmDialog, EmptyState, Field, etaText } from '../../ui';
import { useComposerDefaults, useFooterLanguage } from '../../composer/defaults';
import { useSearchParamsState } from '../../app/search-params';
import { CampaignResults } from '../campaigns/results/CampaignResults';
import { isSmsChannel, PhonePicker, usePhoneName, useSimName } from '../../composer/PhonePicker';
import { SmsCounter } from '../../composer/SmsCounter';
import { FailureGroups } from '../../progress/FailureGroups';
import { StatusBar } from '../../progress/StatusBar';
import { TestSend } from '../../composer/TestSend';
import { durationText, wallTimeToIso } from '../../composer/time';
import { useNow } from '../../ui/useNow';
import { WhenPicker, type WhenValue } from '../../composer/WhenPicker';
import page from '../../composer/sending.module.css';
import type { CampaignPrefillState } from '../../composer/prefill';
import { OptedOutPeople } from '../../composer/OptedOutPeople';
import { useFocusOnAppear } from '../../composer/focus';
import { stalledFor } from '../../progress/stall';

// Newsletters (savepaket): one body to every contact of the chosen tags, run by one phone once someone
// presses Start in the app on it. Compose → review (summary + a test send) → create → watch its progress.

interface Draft {
  title: string;
  body: string;
  tagIds: number[];
  deviceId: number | null;
  sim: SimSlot;
  when: WhenValue;
  footer: boolean;
}

/** What newsletters:create answers: the newsletter, the phone to press Start on, or the campaign it became. */
type Created = { newsletter: NewsletterView; startOn: { deviceId: number; title: string }; campaign: { campaign: CampaignSummary; job: JobView } | null };

/** What to do about opted-out contacts in the chosen tags (savepaket sends to whole tags). */
type OptedOutChoice = 'send-as-campaign' | 'include';

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
      <NewsletterRegistry highlight={created?.newsletter.id ?? null} />
    </section>
  );
}

function NewsletterComposer({ onCreated }: { onCreated: (created: Created) => void }) {
  const { t, i18n } = useTranslation();
  const defaults = useComposerDefaults();
  const footerLanguage = useFooterLanguage();
  const tags = useInvoke('contacts:tags');
  const [edited, setDraft] = useState<Draft>({ title: '', body: '', tagIds: [], deviceId: null, sim: 0, when: { mode: 'now', wallTime: '' }, footer: false });
  // Settings' default phone and channel until the user picks one.
  const draft: Draft = edited.deviceId === null && defaults.deviceId !== null ? { ...edited, deviceId: defaults.deviceId, sim: defaults.sim } : edited;
  const now = useNow();
  const [errors, setErrors] = useState<Partial<Record<'title' | 'body' | 'tags' | 'phone' | 'when', string>>>({});
  const [preview, setPreview] = useState<NewsletterPreview | null>(null);
  const review = useAction('newsletters:preview');
  const create = useAction('newsletters:create');
  // Opted-out contacts in the tags: sent as a campaign without them unless the user picks (and confirms) otherwise.
  const [choice, setChoice] = useState<OptedOutChoice>('send-as-campaign');
  const [confirming, setConfirming] = useState<'include' | 'again' | null>(null);

  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setPreview(null); // a summary of another text is no summary
    setChoice('send-as-campaign');
    create.reset();
  };
  const sentBody = draft.footer ? withOptOutFooter(draft.body, footerLanguage) : draft.body;
  const sendAt = draft.when.mode === 'at' ? wallTimeToIso(draft.when.wallTime, defaults.zone) : null;
  const past = draft.when.mode === 'at' && sendAt !== null && Date.parse(sendAt) < now;

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!draft.title.trim()) found['title'] = t('forms.required');
    if (!draft.body.trim()) found['body'] = t('forms.required');
    if (draft.tagIds.length === 0) found['tags'] = t('campaigns.newsletters.pickTag');
    if (draft.deviceId === null) found['phone'] = t('forms.required');
    if (draft.when.mode === 'at' && (sendAt === null || past)) found['when'] = t('campaigns.when.past');
    setErrors(found);
    return found;
  }
  const input = () => ({ tagIds: draft.tagIds, body: draft.body, deviceId: draft.deviceId!, sim: draft.sim, sendAt, footer: draft.footer ? footerLanguage : null });
  const phoneName = usePhoneName();
  const phoneTitle = preview?.device ? phoneName(preview.device.id, preview.device.title) : draft.deviceId !== null ? phoneName(draft.deviceId, '') : '';
  // savepaket sends to whole tags: never say opted-out contacts are left out unless they are.
  const optedOut = preview?.optedOut?.count ?? 0;
  const reaches = preview ? (optedOut > 0 && choice === 'include' ? preview.tagContacts : preview.recipients) : 0;
  const refusedAgain = create.error instanceof ApiError && create.error.error.field === 'again';
  const submit = (again: boolean) =>
    create.mutate(
      { ...input(), title: draft.title.trim(), ...(optedOut > 0 ? { optedOut: choice } : {}), again },
      { onSuccess: onCreated },
    );
  const navigate = useNavigate();
  const summaryHeading = useFocusOnAppear<HTMLHeadingElement>(preview !== null);
  // savepaket fills in nothing: a {nome} would reach every customer as written (main refuses it too).
  const placeholders = preview?.placeholders ?? [];
  const asCampaign = () => navigate('/campaigns', { state: { prefill: { tagIds: draft.tagIds, body: draft.body, footer: draft.footer } } satisfies CampaignPrefillState });
  const createError = (error: Error) =>
    error instanceof ApiError && error.error.code === 'unknown-outcome' ? t('campaigns.newsletters.unknownOutcome', { phone: phoneTitle }) : errorMessage(error);

  return (
    <form
      className={page.panel}
      aria-labelledby="compose-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (Object.keys(check()).length > 0) return;
        review.mutate(input(), { onSuccess: setPreview });
      }}
    >
      <h2 id="compose-title">{t('campaigns.newsletters.compose')}</h2>
      <div className={page.columns}>
        <div className={page.stack}>
          <Field label={t('campaigns.newsletters.titleField')} hint={t('campaigns.newsletters.titleHint')} error={errors.title}>
            {(control) => <input {...control} value={draft.title} maxLength={200} onChange={(e) => change({ title: e.target.value })} />}
          </Field>
          <Field label={t('campaigns.newsletters.body')} error={errors.body} hint={isSmsChannel(draft.sim) ? <SmsCounter text={sentBody} onPlainPunctuation={(fixed) => change({ body: fixed })} /> : t('sending.whatsApp.noCounter')}>
            {(control) => <textarea {...control} className={page.textarea} value={draft.body} maxLength={5000} onChange={(e) => change({ body: e.target.value })} />}
          </Field>
          <label className="check">
            <input type="checkbox" checked={draft.footer} onChange={(e) => change({ footer: e.target.checked })} />
            {t('campaigns.newsletters.footer', { footer: OPT_OUT_FOOTERS[footerLanguage] })}
          </label>
        </div>
        <div className={page.stack}>
          <fieldset className={page.tags} aria-describedby={errors.tags ? 'tags-error' : undefined}>
            <legend>{t('campaigns.newsletters.tags')}</legend>
            {tags.data && tags.data.length === 0 ? <p className="muted small">{t('campaigns.newsletters.noTags')}</p> : null}
            {tags.error ? <p role="alert" className="error">{errorMessage(tags.error)}</p> : null}
            {(tags.data ?? []).map((tag) => (
              <label key={tag.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.tagIds.includes(tag.id)}
                  onChange={(e) => change({ tagIds: e.target.checked ? [...draft.tagIds, tag.id] : draft.tagIds.filter((id) => id !== tag.id) })}
                />
                {t('campaigns.newsletters.tagOption', { title: tag.title, count: tag.contacts })}
              </label>
            ))}
            {errors.tags ? (
              <p id="tags-error" className="error">
                {errors.tags}
              </p>
            ) : null}
          </fieldset>
          <PhonePicker deviceId={draft.deviceId} sim={draft.sim} onChange={(next) => change(next)} {...(errors.phone ? { error: errors.phone } : {})} />
          <WhenPicker value={draft.when} onChange={(when) => change({ when })} zone={defaults.zone} schedule={preview?.schedule ?? null} past={past} />
        </div>
      </div>
      {review.error ? <p role="alert" className="error">{errorMessage(review.error)}</p> : null}
      {!preview ? (
        <div className={page.actions}>
          <Button type="submit" variant="primary" disabled={review.isPending}>
            {review.isPending ? t('common.loading') : t('campaigns.newsletters.review')}
          </Button>
        </div>
      ) : (
        <section className={page.summary} aria-labelledby="summary-title" data-testid="newsletter-summary">
          <h3 id="summary-title" tabIndex={-1} ref={summaryHeading}>
            {t('campaigns.summary.title')}
          </h3>
          <ul className={page.figures}>
            <li>{t('campaigns.summary.recipients', { count: reaches, formatted: formatNumber(reaches, i18n.language) })}</li>
            <li>{t('campaigns.summary.segmentsEach', { count: preview.count.segments })}</li>
            <li>{t('campaigns.summary.segmentsTotal', { count: reaches * preview.count.segments })}</li>
            <li className="muted">{t('campaigns.summary.duration', { duration: durationText(t, preview.durationMs) })}</li>
          </ul>
          {placeholders.length > 0 ? (
            <div className={`notice ${page.stack}`} data-testid="newsletter-placeholders">
              <p role="alert">{t('refusals.newsletterPlaceholder', { placeholders: placeholders.join(', '), placeholder: placeholders[0] })}</p>
              <div className={page.actions}>
                <Button onClick={() => setPreview(null)}>{t('campaigns.newsletters.edit')}</Button>
                <Button variant="primary" onClick={asCampaign}>
                  {t('sending.placeholder.asCampaign')}
                </Button>
              </div>
            </div>
          ) : null}
          {optedOut > 0 && placeholders.length === 0 ? (
            <fieldset className={`notice ${page.stack}`} data-testid="opted-out">
              <legend>{t('campaigns.newsletters.optedOut.legend')}</legend>
              <p>{t('campaigns.newsletters.optedOut.said', { count: optedOut })}</p>
              <OptedOutPeople people={preview.optedOut.people ?? []} total={optedOut} />
              <label className="check">
                <input type="radio" name="opted-out" checked={choice === 'send-as-campaign'} onChange={() => setChoice('send-as-campaign')} />
                {t('campaigns.newsletters.optedOut.asCampaign', { count: preview.recipients })}
              </label>
              <label className="check">
                <input type="radio" name="opted-out" checked={choice === 'include'} onChange={() => setChoice('include')} />
                {t('campaigns.newsletters.optedOut.include', { count: optedOut })}
              </label>
            </fieldset>
          ) : null}
          {placeholders.length === 0 ? <TestSend body={sentBody} deviceId={draft.deviceId!} sim={draft.sim} /> : null}
          {create.error && !refusedAgain ? <p role="alert" className="error">{createError(create.error)}</p> : null}
          <div className={page.actions} hidden={placeholders.length > 0}>
            <Button onClick={() => setPreview(null)}>{t('campaigns.newsletters.edit')}</Button>
            <Button variant="primary" disabled={create.isPending} onClick={() => (optedOut > 0 && choice === 'include' ? setConfirming('include') : submit(false))}>
              {create.isPending
                ? t('campaigns.newsletters.creating')
                : optedOut > 0 && choice === 'send-as-campaign'
                  ? t('campaigns.newsletters.optedOut.sendAsCampaign')
                  : t('campaigns.newsletters.create')}
            </Button>
          </div>
          {confirming === 'include' ? (
            <ConfirmDialog
              title={t('campaigns.newsletters.optedOut.confirmTitle', { count: optedOut })}
              confirm={t('campaigns.newsletters.optedOut.confirm')}
              onCancel={() => setConfirming(null)}
              onConfirm={() => {
                setConfirming(null);
                submit(false);
              }}
            >
              <p>{t('campaigns.newsletters.optedOut.confirmBody', { count: optedOut })}</p>
            </ConfirmDialog>
          ) : null}
          {refusedAgain ? (
            <ConfirmDialog
              title={t('campaigns.newsletters.again.title')}
              confirm={t('campaigns.newsletters.again.confirm')}
              onCancel={() => create.reset()}
              onConfirm={() => submit(true)}
            >
              <p>{t('campaigns.newsletters.again.body', { phone: phoneTitle })}</p>
            </ConfirmDialog>
          ) : null}
        </section>
      )}
    </form>
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
function NewsletterRegistry({ highlight }: { highlight: number | null }) {
  const { t } = useTranslation();
  const list = useInvoke('newsletters:list');
  return (
    <section aria-labelledby="registry-title">
      <h2 id="registry-title">{t('campaigns.newsletters.registry')}</h2>
      {list.error ? <p role="alert" className="error">{errorMessage(list.error)}</p> : null}
      {list.data && list.data.length === 0 ? <EmptyState>{t('campaigns.newsletters.registryEmpty')}</EmptyState> : null}
      <ul className={page.registry}>
        {(list.data ?? []).map((newsletter) => (
          <NewsletterEntry key={newsletter.id} newsletter={newsletter} live={newsletter.id === highlight} />
        ))}
      </ul>
    </section>
  );
}

const finished = (n: NewsletterView) => n.state !== 'created' || (!n.waitingForStart && n.counts.total > 0 && n.counts.delivered + n.counts.failed >= n.counts.total);

function NewsletterEntry({ newsletter, live }: { newsletter: NewsletterView; live: boolean }) {
  const { t, i18n } = useTranslation();
  const settings = useInvoke('settings:get').data?.settings;
  const zone = settings?.timeZone ?? null;
  const phoneName = usePhoneName();
  const simName = useSimName();
  const refresh = useAction('newsletters:refresh');
  const { mutate } = refresh;
  const done = finished(newsletter);
  // Live progress: re-read its messages by paketid while it runs (main answers campaigns:changed).
  useEffect(() => {
    if (done) return;
    mutate({ id: newsletter.id });
    const timer = setInterval(() => mutate({ id: newsletter.id }), live ? 10_000 : 30_000);
    return () => clearInterval(timer);
  }, [done, live, newsletter.id, mutate]);
  const lang = i18n.language;
  const now = useNow(30_000);
  const phone = phoneName(newsletter.deviceId, newsletter.deviceTitle);
  const state = newsletter.state;
  return (
    <li className={page.entry} data-testid={`newsletter-${newsletter.id}`} data-state={state}>
      <div className={page.entryHead}>
        <h3>{newsletter.title}</h3>
        {state === 'created' && newsletter.waitingForStart ? <span className="pill warn">{t('campaigns.newsletters.pressStart', { phone })}</span> : null}
        {state === 'creating' ? <span className="pill warn">{t('campaigns.newsletters.state.creating')}</span> : null}
        {state === 'unknown' ? <span className="pill bad">{t('campaigns.newsletters.state.unknown')}</span> : null}
        {state === 'campaign' ? <span className="pill good">{t('campaigns.newsletters.state.campaign')}</span> : null}
        {state === 'created' && !newsletter.waitingForStart ? <Link to={`?id=${newsletter.id}&view=results`}>{t('results.open')}</Link> : null}
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
          {done ? (
            <p className="muted small">{t('campaigns.status.done')}</p>
          ) : !newsletter.waitingForStart ? (
            <p className="muted small" aria-live="polite">
              {etaText(t, newsletter.etaSeconds)}
            </p>
          ) : null}
          {newsletter.stall ? (
            <p role="alert" className="notice" data-testid="newsletter-stall">
              {t('campaigns.status.stalled', { phone: newsletter.stall.title, ...stalledFor(newsletter.stall.sinceMs, now, lang) })}
            </p>
          ) : null}
          {newsletter.failures.length > 0 ? (
            <section aria-label={t('campaigns.failures.title')}>
              <FailureGroups groups={newsletter.failures} />
            </section>
          ) : null}
        </>
      ) : null}
      {refresh.error ? <p role="alert" className="error">{errorMessage(refresh.error)}</p> : null}
    </li>
  );
}
