import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Steps } from '../../composer/Steps';
import page from '../../composer/sending.module.css';
import { formatDateTime } from '../../format';
import { ConfirmDialog } from '../../ui';
import { MessageStep } from './compose/MessageStep';
import { RecipientsStep } from './compose/RecipientsStep';
import { ReviewStep } from './compose/ReviewStep';
import { useCampaignDraft } from './compose/useCampaignDraft';
import { WhenStep } from './compose/WhenStep';

// A personalised campaign in four short steps: recipients → message → when and phones → review. The review is
// the confirmation (who, how many, when, which phones, how many SMS): only its button sends, never Enter.

export function CampaignComposer({ onStarted }: { onStarted: (campaignId: number) => void }) {
  const { t, i18n } = useTranslation();
  const d = useCampaignDraft();
  const start = useAction('campaigns:start');
  const [step, setStep] = useState(0);
  const [again, setAgain] = useState<{ when: string } | null>(null);
  const refusedAgain = start.error instanceof ApiError && start.error.error.field === 'again';

  function send(confirmed: boolean) {
    if (!d.request) return;
    start.mutate(
      { ...d.request, again: confirmed },
      {
        onSuccess: ({ campaign }) => {
          setAgain(null);
          onStarted(campaign.id);
        },
        onError: (error) => {
          // A mistaken re-run: main refuses unless the user confirms.
          if (error instanceof ApiError && error.error.field === 'again') {
            setAgain({
              when: d.full?.sameAs ? formatDateTime(new Date(d.full.sameAs.createdAt).toISOString(), i18n.language, d.defaults.zone) : '',
            });
          }
        },
      },
    );
  }

  const labels = [t('composer.steps.recipients'), t('composer.steps.message'), t('composer.steps.when'), t('composer.steps.review')];
  const titles = [
    t('composer.campaign.recipients'),
    t('composer.campaign.message'),
    t('composer.campaign.when'),
    t('sending.confirm.title'),
  ];
  const sendReason = d.reasons.find((r) => r !== null) ?? null;
  return (
    <form
      className={page.panel}
      aria-labelledby="compose-title"
      noValidate
      onSubmit={(event) => {
        // Enter in a field never sends: only the review's button does.
        event.preventDefault();
      }}
    >
      <h2 id="compose-title">{t('campaigns.bulk.compose')}</h2>
      <Steps
        labels={labels}
        current={step}
        onGo={setStep}
        canOpen={(target) => d.reasons.slice(0, target).every((r) => r === null)}
        title={titles[step]!}
        testId="campaign-steps"
        next={
          step < 3
            ? {
                reason: d.reasons[step as 0 | 1 | 2],
                onNext: () => setStep(step + 1),
                ...(step === 2 ? { label: t('composer.toReview') } : {}),
              }
            : {
                reason: sendReason,
                onNext: () => send(false),
                busy: start.isPending,
                label: start.isPending ? t('campaigns.bulk.sending') : d.sendAt ? t('sending.confirm.schedule') : t('sending.confirm.send'),
              }
        }
      >
        {step === 0 ? (
          <RecipientsStep d={d} />
        ) : step === 1 ? (
          <MessageStep d={d} />
        ) : step === 2 ? (
          <WhenStep d={d} />
        ) : (
          <ReviewStep d={d} error={start.error && !refusedAgain ? start.error : null} />
        )}
      </Steps>
      {again ? (
        <ConfirmDialog
          title={t('campaigns.bulk.againTitle')}
          confirm={t('campaigns.bulk.againConfirm')}
          onCancel={() => setAgain(null)}
          onConfirm={() => send(true)}
        >
          <p>{t('campaigns.bulk.againBody', { when: again.when })}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}
