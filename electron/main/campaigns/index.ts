// Personalised bulk sends' public module: what newsletters, single sends, messages, the inbox, the CLI and the
// composition root ask of campaigns (its tables: campaigns, campaign_chunks, campaign_recipients, campaign_meta).
// The composition root: the campaigns and send-results capabilities.
export { createCampaignsCapability } from './capability';
export { createResultsCapability, sendResults } from './results-capability';
// Newsletters and the CLI: the campaign service (prepare, start), its job kind, the phones, pacing and stops.
export { createCampaignService, type CampaignService } from './service';
export { campaignSendKind, CAMPAIGN_JOB_KIND } from './send-job';
export { phonesFromGateway, type PhoneInfo } from './phones';
export { messageSpacingMs, type QuietHours } from './pacing';
export { KEEP_LEAD_MS, stopCampaign } from './stop';
// Newsletters' watch and the CLI: live counts from the history mirror, failures grouped, a stalled phone.
export { createStatusMirror, type StatusMirror } from './mirror';
export { groupFailures } from './failures';
export { DEFAULT_STALL_MS, findStall, type Stall } from './stall';
// Newsletters, single sends, messages, the inbox and the CLI: a campaign's rows and counts, customer ids.
export {
  campaignByCustomerId,
  campaignRow,
  countStatus,
  emptyCounts,
  queuedRecipients,
  takeCustomerIds,
  unconfirmedRecipients,
} from './store';
// Newsletters and single sends: placeholders nothing will fill in.
export { unfilledPlaceholders } from './literal-placeholders';
