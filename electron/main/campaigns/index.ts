// Campaigns: the pure core under newsletters and personalised bulk sends (no database, no HTTP here).
export { parseTemplate, bindTemplate, renderTemplate, blankPlaceholders, previewTemplate, summariseRendering, columnKey } from './template';
export type {
  Template,
  TemplatePart,
  TemplateColumns,
  TemplateBinding,
  BoundTemplate,
  PlaceholderProblem,
  TemplateRow,
  RenderedPreview,
  RenderSummary,
} from './template';
export { CHUNK_SIZE, chunk, chunkCount } from './chunks';
export {
  CUSTOMER_ID_MAX,
  CUSTOMER_ID_REGION_START,
  initialCursor,
  allocateRange,
  customerIdAt,
  indexInRange,
  isRelayDeskCustomerId,
} from './customer-ids';
export type { CustomerIdRange } from './customer-ids';
export { decideChunk, RECONCILE_GRACE_MS, RECONCILE_RECHECK_MS } from './reconcile';
export type { ChunkDecision, SentChunk, FoundMessage, MissingRecipient, ReconcileOptions } from './reconcile';
export { campaignFingerprint } from './fingerprint';
export type { CampaignIdentity } from './fingerprint';
export {
  planPacing,
  messageSpacingMs,
  largestRemainder,
  LocalClock,
  HEALTH_WEIGHT,
  ANDROID_SAFE_INTERVAL_MS,
  DEFAULT_SEND_DELAY_SECONDS,
} from './pacing';
export type { PacingInput, PacingPhone, PacingPlan, PhonePlan, PlannedChunk, PhoneHealth, QuietHours } from './pacing';
export { chunkItems } from './batches';
export type { ChunkRequest, RenderedRecipient } from './batches';
export { FAILURE_CODES, failureKind, groupFailures, isFailureCode, isRetryable } from './failures';
export type { FailureCode, FailureGroup, FailureKind } from './failures';
