import { AppFailure } from '../../../shared/errors';
import type { Capability, HandlersFor, NewsletterView, StatusCounts } from '../../../shared/ipc';
import type { SimSlot } from '../../../shared/domain';
import { withOptOutFooter } from '../../../shared/opt-out-footer';
import { countSms } from '../../../shared/sms';
import type { AccountScopes } from '../account/scope';
import { type StatusMirror, messageSpacingMs, type CampaignService, type PhoneInfo, campaignRow, emptyCounts } from '../campaigns';
import type { DeviceMonitor } from '../devices';
import type { MonitorClock } from '../lib/clock';
import { type OptOutGuard, LEFT_OUT_SAMPLE, optedOutViews } from '../optouts';
import type { SessionService } from '../session';
import { createNewsletter, newsletterAudience, optedOutSample } from './create';
import { newsletterPlaceholders, placeholderRefusal } from './rules';
import { newsletterRow, newsletterRows, saveCounts, type NewsletterRow } from './store';
import { newsletterCounts, newsletterFinal, newsletterWatch } from './watch';

// The newsletter capability: savepaket to whole tags, created exactly once, never to opted-out contacts without
// a decision, never with a placeholder the gateway would send literally; and each one's progress.

export interface NewslettersDeps {
  session: Pick<SessionService, 'client'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  optOuts: OptOutGuard;
  /** Campaigns: a newsletter sent as a personalised campaign is one, and shows its progress. */
  campaigns: Pick<CampaignService, 'summary' | 'detail' | 'schedule' | 'startList'>;
  phones: () => Promise<PhoneInfo[]>;
  devices: Pick<DeviceMonitor, 'snapshot'>;
  mirror: StatusMirror | null;
  changed: (change: { what: 'newsletter' | 'campaign'; id: number }) => void;
  history?: { syncSoon(): void };
  stallMs?: number;
}

/** A newsletter refreshed by hand is read in at most this many day windows. */
const MAX_NEWSLETTER_WINDOWS = 31;

export function createNewslettersCapability(deps: NewslettersDeps): Capability<'newsletters'> {
  const db = () => deps.scopes.current().db;
  const client = () => deps.session.client();

  function view(row: NewsletterRow): NewsletterView {
    const device = deps.devices.snapshot().devices.find((d) => d.device.id === row.device_id)?.device;
    const deviceTitle = device?.title ?? `Phone ${row.device_id}`;
    const base = {
      id: row.id,
      state: row.state,
      paketId: row.paket_id,
      campaignId: row.campaign_id,
      optedOut: { count: row.opted_out, decision: row.opted_out_decision },
      title: row.title,
      body: row.body,
      tags: JSON.parse(row.tags) as NewsletterView['tags'],
      deviceId: row.device_id,
      deviceTitle,
      sim: row.sim as SimSlot,
      createdAt: row.created_at,
      sendAt: row.send_at,
      recipients: row.recipients,
    };
    const campaign = row.campaign_id === null ? undefined : campaignRow(db(), row.campaign_id);
    if (campaign) {
      // Sent as a campaign: its progress is the campaign's.
      const { counts, etaSeconds, stall, refreshedAt, final } = deps.campaigns.summary(campaign);
      return {
        ...base,
        counts,
        etaSeconds,
        stall,
        failures: deps.campaigns.detail(campaign.id).failures,
        waitingForStart: false,
        final,
        refreshedAt,
      };
    }
    const counts = row.counts ? (JSON.parse(row.counts) as StatusCounts) : emptyCounts(row.recipients);
    const watched = newsletterWatch(row, counts, {
      now: deps.clock.now(),
      spacingMs: messageSpacingMs({ sendDelaySeconds: device?.sendDelaySeconds ?? null }),
      stallMs: deps.stallMs,
    });
    return {
      ...base,
      counts,
      etaSeconds: watched.etaSeconds,
      stall: watched.stall ? { ...watched.stall, title: deviceTitle } : null,
      failures: row.failures ? (JSON.parse(row.failures) as NewsletterView['failures']) : [],
      waitingForStart: row.state === 'created' && watched.listed === 0,
      // As the watcher decides whether to read it again (./watch.ts).
      final: row.state === 'created' && newsletterFinal(counts, row.recipients),
      refreshedAt: row.refreshed_at,
    };
  }

  const handlers: HandlersFor<'newsletters'> = {
    'newsletters:preview': async (input) => {
      await deps.optOuts.forPreview();
      const text = input.footer ? withOptOutFooter(input.body, input.footer) : input.body;
      const count = countSms(text);
      const audience = newsletterAudience(db(), input.tagIds);
      const recipients = audience.contacts.length - audience.optedOut.length;
      const phone = (await deps.phones()).find((p) => p.deviceId === input.deviceId) ?? null;
      return {
        recipients,
        suppressed: audience.optedOut.length,
        tagContacts: audience.contacts.length,
        optedOut: {
          count: audience.optedOut.length,
          sample: optedOutSample(audience),
          people: optedOutViews(db(), audience.optedOut.slice(0, LEFT_OUT_SAMPLE)),
        },
        unknownTags: audience.unknownTags,
        placeholders: newsletterPlaceholders(text),
        count,
        totalSegments: count.segments * recipients,
        durationMs: recipients * messageSpacingMs({ sendDelaySeconds: phone?.sendDelaySeconds ?? null }),
        schedule: input.sendAt ? deps.campaigns.schedule(input.sendAt) : null,
        device: phone ? { id: phone.deviceId, title: phone.title, online: phone.online } : null,
      };
    },
    'newsletters:create': async (input) => {
      // The body first (nothing to read when it cannot go), then the replies up to this second.
      const refused = placeholderRefusal(input.body);
      if (refused) throw refused;
      await deps.optOuts.beforeSending();
      const text = input.footer ? withOptOutFooter(input.body, input.footer) : input.body;
      let created;
      try {
        created = await createNewsletter(
          { db: db(), client: client(), service: deps.campaigns, now: deps.clock.now() },
          {
            title: input.title,
            tagIds: input.tagIds,
            body: text,
            deviceId: input.deviceId,
            sim: input.sim,
            sendAt: input.sendAt,
            optedOut: input.optedOut,
            again: input.again,
          },
        );
      } catch (error) {
        // A lost reply leaves a row marked unknown: the list shows it.
        if (error instanceof AppFailure && error.code === 'unknown-outcome')
          deps.changed({ what: 'newsletter', id: Number(error.params?.newsletterId ?? 0) });
        throw error;
      }
      if (created.kind === 'campaign') {
        deps.changed({ what: 'campaign', id: created.campaign.id });
        deps.history?.syncSoon();
      }
      deps.changed({ what: 'newsletter', id: created.id });
      const shown = view(newsletterRow(db(), created.id));
      return {
        newsletter: shown,
        startOn: { deviceId: input.deviceId, title: shown.deviceTitle },
        campaign: created.kind === 'campaign' ? { campaign: created.campaign, job: created.job } : null,
      };
    },
    'newsletters:list': () => newsletterRows(db()).map(view),
    'newsletters:refresh': async ({ id }) => {
      const row = newsletterRow(db(), id);
      if (row.state !== 'created') return view(row);
      const result = await newsletterCounts(db(), row, {
        client,
        mirror: deps.mirror,
        now: deps.clock.now(),
        maxReads: MAX_NEWSLETTER_WINDOWS,
      });
      if (!result)
        throw new AppFailure(
          'validation',
          `This newsletter is more than ${MAX_NEWSLETTER_WINDOWS} days old: see its messages in the history instead.`,
          undefined,
          { days: MAX_NEWSLETTER_WINDOWS },
          'refusals.newsletterTooOld',
        );
      saveCounts(db(), id, result.counts, result.failures, deps.clock.now());
      deps.changed({ what: 'newsletter', id });
      return view(newsletterRow(db(), id));
    },
  };
  return { handlers };
}
