import { z } from 'zod';
import type { SimSlot } from '../domain';
import type { JobView } from '../jobs';
import type { SmsCount } from '../sms';
import type { CampaignSummary, FailureGroupView, ScheduleView, StallView, StatusCounts } from './campaigns';
import { body, footer, id, isoInstant, simSlot } from './fields';
import { defineContract, none, out } from './kit';
import type { OptedOutView } from './optouts';

// Newsletters (savepaket): one text to every contact of some tags, run by the phone once someone presses start
// on it. The gateway cannot personalise them; opted-out contacts in the tags are asked about before creating.

export interface NewsletterPreview {
  /** Contacts who would get it with the opted-out ones left out (savepaket alone would reach `tagContacts`). */
  recipients: number;
  /** Same as optedOut.count (kept for the summary line). */
  suppressed: number;
  /** Distinct numbers in the chosen tags: what savepaket sends to. */
  tagContacts: number;
  /**
   * Contacts in the chosen tags on the suppression list (matched by digits). savepaket sends to whole tags, so
   * when count > 0 createNewsletter refuses unless `optedOut` says what to do. sample: up to 20 numbers.
   */
  optedOut: { count: number; sample: string[]; people: OptedOutView[] };
  /** Tags with no contacts in the registry (created elsewhere): their size is unknown. */
  unknownTags: number[];
  /**
   * Placeholders in the body ("{nome}") as written: a newsletter cannot fill them, so createNewsletter refuses
   * (key refusals.newsletterPlaceholder); the screen offers the same tags and body as a personalised campaign.
   */
  placeholders: string[];
  count: SmsCount;
  totalSegments: number;
  durationMs: number;
  schedule: ScheduleView | null;
  device: { id: number; title: string; online: boolean } | null;
}

/**
 * creating: savepaket is on its way (or the app stopped while it was); unknown: the reply was lost, so it may
 * have been created — check the phone (an identical create is refused unless `again`); created: it has a
 * paket_id; campaign: sent as a personalised bulk send without the opted-out contacts (campaignId).
 */
export type NewsletterState = 'creating' | 'created' | 'unknown' | 'campaign';

export interface NewsletterView {
  id: number;
  state: NewsletterState;
  /** 0 while not known (creating, unknown, campaign). */
  paketId: number;
  campaignId: number | null;
  /** Opted-out contacts in its tags when it was created, and what the user decided about them. */
  optedOut: { count: number; decision: 'include' | 'send-as-campaign' | null };
  /** Seconds until its last message should have gone at the phone's pace; null when final, unknown or not started. */
  etaSeconds: number | null;
  /** Its phone took messages and reported nothing for a while. */
  stall: StallView | null;
  /** Failed messages by status code, as on a campaign. */
  failures: FailureGroupView[];
  title: string;
  body: string;
  tags: { id: number; title: string }[];
  deviceId: number;
  deviceTitle: string;
  sim: SimSlot;
  createdAt: number;
  sendAt: string | null;
  recipients: number;
  counts: StatusCounts;
  /** Nothing listed yet: someone has to press start in the app on the phone. */
  waitingForStart: boolean;
  /**
   * Every message reached a final status (delivered or failed; one sent as a campaign: the campaign ended).
   * Main stops watching it then. False while creating or unknown.
   */
  final: boolean;
  refreshedAt: number | null;
}

const newsletterSchema = z.strictObject({
  tagIds: z.array(id).min(1).max(50),
  body,
  deviceId: id,
  sim: simSlot,
  sendAt: isoInstant.nullable().default(null),
  footer,
});

export const newslettersContract = defineContract({
  invoke: {
    'newsletters:preview': { input: newsletterSchema, output: out<NewsletterPreview>() },
    /**
     * Refused (AppFailure 'validation'):
     * - field 'optedOut', params {count}: the tags hold opted-out contacts and `optedOut` is not given;
     *   'send-as-campaign' sends the same body as a campaign to the tags' contacts minus the opted-out ones,
     *   'include' creates the newsletter anyway (recorded);
     * - field 'again', params {newsletterId}: an identical newsletter may have been created (its reply was lost),
     *   unless `again`.
     * A lost reply: AppFailure 'unknown-outcome' (the row stays, state 'unknown').
     */
    'newsletters:create': {
      input: newsletterSchema.extend({
        title: z.string().trim().min(1).max(200),
        optedOut: z.enum(['send-as-campaign', 'include']).optional(),
        again: z.boolean().default(false),
      }),
      /** `startOn`: the phone where someone must press start (not needed when `campaign` is set). */
      output: out<{
        newsletter: NewsletterView;
        startOn: { deviceId: number; title: string };
        campaign: { campaign: CampaignSummary; job: JobView } | null;
      }>(),
    },
    'newsletters:list': { input: none, output: out<NewsletterView[]>() },
    /** Re-reads the newsletter's messages by paketid. */
    'newsletters:refresh': { input: z.strictObject({ id }), output: out<NewsletterView>() },
  },
  events: {
    /** A newsletter was created or its counts moved. */
    'newsletters:changed': out<{ id: number }>(),
  },
});
