import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import type { CampaignSummary } from '../../../../shared/ipc';
import { errorMessage } from '../../api/client';
import { useInvoke } from '../../api/hooks';
import { useSearchParamsState } from '../../app/search-params';
import { formatDateTime } from '../../format';
import { EmptyState } from '../../ui';
import { CampaignComposer } from './CampaignComposer';
import { CampaignWatch } from './CampaignWatch';
import { CampaignResults } from './results/CampaignResults';
import { StatusBar } from '../../progress/StatusBar';
import page from '../../composer/sending.module.css';

// Personalised bulk sends: compose (recipients, template, phones, pacing → preview and plan) and send, or
// watch one campaign (#/campaigns?id=12 survives a reload), or read how it did (#/campaigns?id=12&view=results).
// The list shows every campaign with its progress.

export const campaignsParams = z.object({ id: z.coerce.number().int().positive().optional(), view: z.enum(['results']).optional() });

export function CampaignsPage() {
  const { t } = useTranslation();
  const [{ id, view }, setParams] = useSearchParamsState(campaignsParams);
  return (
    <section aria-labelledby="page-title" className={page.page}>
      <h1 id="page-title" className={view === 'results' ? 'no-print' : undefined}>
        {t('campaigns.bulk.title')}
      </h1>
      {id !== undefined && view === 'results' ? (
        <CampaignResults send={{ kind: 'campaign', id }} onBack={() => setParams({ id, view: undefined })} />
      ) : id !== undefined ? (
        <CampaignWatch id={id} onOpen={(other) => setParams({ id: other })} onBack={() => setParams({ id: undefined })} />
      ) : (
        <>
          <p className={`muted ${page.intro}`}>{t('campaigns.bulk.intro')}</p>
          <CampaignComposer onStarted={(campaign) => setParams({ id: campaign })} />
          <CampaignList />
          <p className="muted small">
            <Link to="/optOuts">{t('campaigns.optOuts.title')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function CampaignList() {
  const { t } = useTranslation();
  const list = useInvoke('campaigns:list');
  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">{t('campaigns.bulk.registry')}</h2>
      {list.error ? (
        <p role="alert" className="error">
          {errorMessage(list.error)}
        </p>
      ) : null}
      {list.data && list.data.length === 0 ? <EmptyState>{t('campaigns.bulk.registryEmpty')}</EmptyState> : null}
      <ul className={page.registry}>
        {(list.data ?? []).map((campaign) => (
          <CampaignEntry key={campaign.id} campaign={campaign} />
        ))}
      </ul>
    </section>
  );
}

/** The words for a campaign's state. */
export function useCampaignState() {
  const { t } = useTranslation();
  return (campaign: Pick<CampaignSummary, 'state'> & { counts?: CampaignSummary['counts'] }): string => {
    // Never a green "Done" over failures: "Finished with 12 failed".
    if (campaign.state === 'done' && (campaign.counts?.failed ?? 0) > 0)
      return t('sending.state.finishedWithFailed', { count: campaign.counts!.failed });
    return campaign.state === 'watching' ? t('campaigns.bulk.state.queued') : t(`campaigns.bulk.state.${campaign.state}`);
  };
}

/** The state's pill colour: good only when everything went. */
export const statePill = (campaign: Pick<CampaignSummary, 'state' | 'counts'>) =>
  campaign.state === 'done' && campaign.counts.failed === 0
    ? 'good'
    : campaign.state === 'needs-attention' || campaign.state === 'failed' || campaign.state === 'done'
      ? 'bad'
      : 'warn';

function CampaignEntry({ campaign }: { campaign: CampaignSummary }) {
  const { t, i18n } = useTranslation();
  const stateName = useCampaignState();
  const zone = useInvoke('settings:get').data?.settings.timeZone ?? null;
  return (
    <li className={page.entry} data-testid={`campaign-${campaign.id}`}>
      <div className={page.entryHead}>
        <h3>{campaign.title}</h3>
        <span className="muted small">{formatDateTime(new Date(campaign.createdAt).toISOString(), i18n.language, zone)}</span>
        <span className={`pill ${statePill(campaign)}`}>{stateName(campaign)}</span>
        <Link to={`?id=${campaign.id}`}>{t('campaigns.bulk.open')}</Link>
        <Link to={`?id=${campaign.id}&view=results`}>{t('results.open')}</Link>
      </div>
      <StatusBar counts={campaign.counts} label={campaign.title} />
    </li>
  );
}
