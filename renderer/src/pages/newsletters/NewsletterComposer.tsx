import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SimSlot } from '../../../../shared/domain';
import type { NewsletterPreview } from '../../../../shared/ipc';
import { withOptOutFooter, OPT_OUT_FOOTERS } from '../../../../shared/opt-out-footer';
import { ApiError, errorMessage } from '../../api/client';
import { useAction, useInvoke } from '../../api/hooks';
import { useComposerDefaults, useFooterLanguage } from '../../composer/defaults';
import { MessageField } from '../../composer/MessageField';
import { isSmsChannel, PhonePicker, usePhoneName } from '../../composer/PhonePicker';
import type { CampaignPrefillState } from '../../composer/prefill';
import { Steps } from '../../composer/Steps';
import { wallTimeToIso } from '../../composer/time';
import { WhenPicker, type WhenValue } from '../../composer/WhenPicker';
import { firstReason } from '../../composer/WhyDisabled';
import page from '../../composer/sending.module.css';
import { ConfirmDialog, Field } from '../../ui';
import { useNow } from '../../ui/useNow';
import { NoTags } from '../campaigns/compose/RecipientsStep';
import { NewsletterReview, type Created, type OptedOutChoice } from './NewsletterReview';

// Newsletters (savepaket): one body to every contact of the chosen tags, run by one phone once someone presses
// Start in the app on it. Four short steps: tags → message → when and phone → review (summary, a test send, the
// opted-out choice) → create. Only the review's button creates, never Enter.

interface Draft {
  title: string;
  body: string;
  tagIds: number[];
  deviceId: number | null;
  sim: SimSlot;
  when: WhenValue;
  footer: boolean;
}

const REVIEW = 3;

export function NewsletterComposer({ onCreated }: { onCreated: (created: Created) => void }) {
  const { t } = useTranslation();
  const defaults = useComposerDefaults();
  const footerLanguage = useFooterLanguage();
  const tags = useInvoke('contacts:tags');
  const [edited, setDraft] = useState<Draft>({
    title: '',
    body: '',
    tagIds: [],
    deviceId: null,
    sim: 0,
    when: { mode: 'now', wallTime: '' },
    footer: false,
  });
  // Settings' default phone and channel until the user picks one.
  const draft: Draft =
    edited.deviceId === null && defaults.deviceId !== null ? { ...edited, deviceId: defaults.deviceId, sim: defaults.sim } : edited;
  const now = useNow();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<NewsletterPreview | null>(null);
  const review = useAction('newsletters:preview');
  const create = useAction('newsletters:create');
  // Opted-out contacts in the tags: sent as a campaign without them unless the user picks (and confirms) otherwise.
  const [choice, setChoice] = useState<OptedOutChoice>('send-as-campaign');
  const [confirming, setConfirming] = useState(false);

  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setPreview(null); // a summary of another text is no summary
    setChoice('send-as-campaign');
    create.reset();
  };
  const sentBody = draft.footer ? withOptOutFooter(draft.body, footerLanguage) : draft.body;
  const sendAt = draft.when.mode === 'at' ? wallTimeToIso(draft.when.wallTime, defaults.zone) : null;
  const past = draft.when.mode === 'at' && sendAt !== null && Date.parse(sendAt) < now;
  const input = () => ({
    tagIds: draft.tagIds,
    body: draft.body,
    deviceId: draft.deviceId!,
    sim: draft.sim,
    sendAt,
    footer: draft.footer ? footerLanguage : null,
  });

  // Why each step cannot go on yet (null: it can).
  const reasons = [
    firstReason([[draft.tagIds.length === 0, t('campaigns.newsletters.pickTag')]]),
    firstReason([
      [!draft.title.trim(), t('composer.disabled.noTitle')],
      [!draft.body.trim(), t('screens.disabled.noMessage')],
    ]),
    firstReason([
      [draft.deviceId === null, t('screens.disabled.noPhone')],
      [draft.when.mode === 'at' && sendAt === null, t('screens.disabled.noTime')],
      [past, t('screens.disabled.past')],
    ]),
  ] as const;
  const go = (target: number) => {
    setStep(target);
    // The review asks main for the summary of exactly what the steps hold.
    if (target === REVIEW) review.mutate(input(), { onSuccess: setPreview });
  };

  const phoneName = usePhoneName();
  const phoneTitle = preview?.device
    ? phoneName(preview.device.id, preview.device.title)
    : draft.deviceId !== null
      ? phoneName(draft.deviceId, '')
      : '';
  const optedOut = preview?.optedOut?.count ?? 0;
  const placeholders = preview?.placeholders ?? [];
  const refusedAgain = create.error instanceof ApiError && create.error.error.field === 'again';
  const submit = (again: boolean) =>
    create.mutate(
      { ...input(), title: draft.title.trim(), ...(optedOut > 0 ? { optedOut: choice } : {}), again },
      { onSuccess: onCreated },
    );
  const navigate = useNavigate();
  // savepaket fills in nothing: a {nome} would reach every customer as written (main refuses it too).
  const asCampaign = () =>
    void navigate('/campaigns', {
      state: { prefill: { tagIds: draft.tagIds, body: draft.body, footer: draft.footer } } satisfies CampaignPrefillState,
    });
  const createError = (error: Error) =>
    error instanceof ApiError && error.error.code === 'unknown-outcome'
      ? t('campaigns.newsletters.unknownOutcome', { phone: phoneTitle })
      : errorMessage(error);

  const labels = [t('composer.steps.recipients'), t('composer.steps.message'), t('composer.steps.when'), t('composer.steps.review')];
  const titles = [
    t('composer.newsletter.recipients'),
    t('composer.newsletter.message'),
    t('composer.newsletter.when'),
    t('campaigns.summary.title'),
  ];
  const createReason = firstReason([
    [review.isPending || (!preview && !review.error), t('screens.disabled.checking')],
    [review.error !== null, t('screens.disabled.problems')],
  ]);
  const createLabel = create.isPending
    ? t('campaigns.newsletters.creating')
    : optedOut > 0 && choice === 'send-as-campaign'
      ? t('campaigns.newsletters.optedOut.sendAsCampaign')
      : t('campaigns.newsletters.create');
  return (
    <form
      className={page.panel}
      aria-labelledby="compose-title"
      noValidate
      onSubmit={(event) => {
        // Enter in a field never creates: only the review's button does.
        event.preventDefault();
      }}
    >
      <h2 id="compose-title">{t('campaigns.newsletters.compose')}</h2>
      <Steps
        labels={labels}
        current={step}
        onGo={go}
        canOpen={(target) => reasons.slice(0, target).every((r) => r === null)}
        title={titles[step]!}
        {...(step === REVIEW ? { headingId: 'summary-title' } : {})}
        testId="newsletter-steps"
        {...(step < REVIEW
          ? {
              next: {
                reason: reasons[step as 0 | 1 | 2],
                onNext: () => go(step + 1),
                ...(step === 2 ? { label: t('composer.toReview') } : {}),
              },
            }
          : placeholders.length > 0
            ? {} // nothing can be created: the refusal offers what can be done instead
            : {
                next: {
                  reason: createReason,
                  busy: create.isPending,
                  label: createLabel,
                  onNext: () => (optedOut > 0 && choice === 'include' ? setConfirming(true) : submit(false)),
                },
              })}
      >
        {step === 0 ? (
          <fieldset className={page.tags}>
            <legend>{t('campaigns.newsletters.tags')}</legend>
            {tags.data && tags.data.length === 0 ? <NoTags /> : null}
            {tags.error ? (
              <p role="alert" className="error">
                {errorMessage(tags.error)}
              </p>
            ) : null}
            {(tags.data ?? []).map((tag) => (
              <label key={tag.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.tagIds.includes(tag.id)}
                  onChange={(e) =>
                    change({ tagIds: e.target.checked ? [...draft.tagIds, tag.id] : draft.tagIds.filter((id) => id !== tag.id) })
                  }
                />
                {t('campaigns.newsletters.tagOption', { title: tag.title, count: tag.contacts })}
              </label>
            ))}
          </fieldset>
        ) : step === 1 ? (
          <div className={page.stack}>
            <Field label={t('campaigns.newsletters.titleField')} hint={t('campaigns.newsletters.titleHint')}>
              {(control) => <input {...control} value={draft.title} maxLength={200} onChange={(e) => change({ title: e.target.value })} />}
            </Field>
            <MessageField
              label={t('campaigns.newsletters.body')}
              value={draft.body}
              onChange={(body) => change({ body })}
              sms={isSmsChannel(draft.sim)}
              counted={{ text: sentBody }}
            />
            <label className="check">
              <input type="checkbox" checked={draft.footer} onChange={(e) => change({ footer: e.target.checked })} />
              {t('campaigns.newsletters.footer', { footer: OPT_OUT_FOOTERS[footerLanguage] })}
            </label>
          </div>
        ) : step === 2 ? (
          <div className={page.stack}>
            <PhonePicker deviceId={draft.deviceId} sim={draft.sim} onChange={(next) => change(next)} />
            <WhenPicker value={draft.when} onChange={(when) => change({ when })} zone={defaults.zone} past={past} />
          </div>
        ) : (
          <NewsletterReview
            draft={{ ...draft, sendAt, sentBody }}
            preview={preview}
            reviewError={review.error}
            choice={choice}
            onChoice={setChoice}
            onEdit={() => setStep(1)}
            onAsCampaign={asCampaign}
            createError={create.error && !refusedAgain ? createError(create.error) : null}
          />
        )}
      </Steps>
      {confirming ? (
        <ConfirmDialog
          title={t('campaigns.newsletters.optedOut.confirmTitle', { count: optedOut })}
          confirm={t('campaigns.newsletters.optedOut.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
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
    </form>
  );
}
