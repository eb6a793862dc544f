import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { type Capability, type EmitEvent, type HandlersFor, type NewsletterView, type StatusCounts } from '../../../shared/ipc';
import { withOptOutFooter } from '../../../shared/opt-out-footer';
import { countSms } from '../../../shared/sms';
import type { AccountScopes } from '../account/scope';
import type { DeviceMonitor } from '../devices';
import type { MonitorClock } from '../lib/clock';
import type { PlatformPieces as ServiceDeps } from '../platform';
import type { SessionService } from '../session/session';
import type { SettingsService } from '../settings/settings-service';
import { phoneHealth } from './health';
import { messageSpacingMs } from './pacing';
import { campaignSendKind } from './send-job';
import { createCampaignService, type PhoneInfo } from './service';
import { sendSingle, singleViews, syncOptOuts } from './singles';
import { addSuppressed, campaignRow, emptyCounts, listSuppressed, removeSuppressed } from './store';
import { createPhoneReader } from '../contacts/preflight';
import { translator, type Messages } from '../../../shared/i18n';
import { pickLanguage } from '../../../shared/language';
import { createStatusMirror } from './mirror';
import { createImageStore } from './images';
import { createNewsletter, newsletterAudience, optedOutSample } from './newsletter-create';
import { newsletterCounts, newsletterWatch } from './newsletters';
import { newsletterPlaceholders, placeholderRefusal } from './newsletter-rules';
import { optOutsBeforeSending } from './opt-out-sync';
import { dueKept, KEEP_LEAD_MS, release, stopCampaign } from './stop';
import { checkRecipients, LEFT_OUT_SAMPLE, optedOutViews } from './opted-out-views';
import { createCampaignWatch } from './watch';
import type { CountryCode } from 'libphonenumber-js';

// The campaigns capability: newsletters, personalised bulk sends, single sends and opt-outs for the window.

/** The platform's pieces this capability uses are the composition root's own (ServiceDeps). */
export interface CampaignsDeps extends Pick<ServiceDeps, 'emit' | 'notify' | 'pickFile' | 'saveFile' | 'log'> {
  session: Pick<SessionService, 'client' | 'get' | 'onChange'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  /** The phone monitor: which phones are online (a plan's weights) and their titles. */
  phones: Pick<DeviceMonitor, 'snapshot' | 'refresh'>;
  clock: MonitorClock;
  /** The zone the gateway reads naive times in (the client's serverTimeZone). */
  gatewayZone?: string;
  /** The message history mirror: statuses are read from it when it covers a campaign, and it is told after sends. */
  history?: { syncSoon(): void };
  /** Tests: how long a phone may be silent holding taken messages (default 10 min), the watch's round. */
  stallMs?: number;
  watchIntervalMs?: number;
}

/** Incoming replies are read for opt-outs at most this often (preview, start, and the periodic sync). */
const OPT_OUT_SYNC_MS = 5 * 60_000;
/** Previews read the replies again at most this often; sends always do, right before they leave. */
const PREVIEW_OPT_OUT_MS = 10_000;
/** campaigns:get reads back at most this many chunks (at once), and not again within GET_REFRESH_MS. */
const GET_READS = 4;
const GET_REFRESH_MS = 5_000;
/** A newsletter refreshed by hand is read in at most this many day windows. */
const MAX_NEWSLETTER_WINDOWS = 31;

export function createCampaignsCapability(deps: CampaignsDeps): Capability<'campaigns'> {
  const files = new Map<string, string>();
  const images = createImageStore();
  /** A file dialog's title in the app's language (Settings', else this computer's). */
  const dialogWords = (key: `screens.dialogs.${keyof Messages['screens']['dialogs']}`) =>
    translator(deps.settings.get().language ?? pickLanguage(Intl.DateTimeFormat().resolvedOptions().locale))(key);
  const db = () => deps.scopes.current().db;
  const client = () => deps.session.client();
  const zone = () => deps.settings.get().timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const changed = (payload: Parameters<EmitEvent>[1] & object) => deps.emit('campaigns:changed', payload as never);

  const mirror = deps.history ? createStatusMirror(deps.history) : null;
  deps.scopes.registerKind(
    campaignSendKind({
      client,
      onChunk: (id) => {
        changed({ what: 'campaign', id });
        deps.history?.syncSoon();
      },
    }),
  );

  async function phones(): Promise<PhoneInfo[]> {
    let snapshot = deps.phones.snapshot();
    if (snapshot.devices.length === 0) snapshot = await deps.phones.refresh();
    const now = deps.clock.now();
    return snapshot.devices.map((v) => ({
      deviceId: v.device.id, title: v.device.title, online: v.online, sendDelaySeconds: v.device.sendDelaySeconds,
      health: phoneHealth(v.device.id, v.online, snapshot.events, now),
    }));
  }

  const service = createCampaignService({
    db,
    jobs: () => deps.scopes.current().jobs,
    client,
    phones,
    filePath: (id) => {
      const path = files.get(id);
      if (!path) throw new AppFailure('validation', 'Pick the file again (it was picked in an earlier session).', 'source', undefined, 'refusals.pickFileAgain');
      return path;
    },
    country: () => deps.settings.get().defaultCountry,
    zone,
    gatewayZone: () => deps.gatewayZone ?? 'UTC',
    now: () => deps.clock.now(),
    ...(deps.stallMs !== undefined ? { stallMs: deps.stallMs } : {}),
  });

  let lastOptOutSync = 0;
  async function optOutsIfDue(force = false) {
    if (!force && deps.clock.now() - lastOptOutSync < OPT_OUT_SYNC_MS) return { checked: 0, added: 0 };
    lastOptOutSync = deps.clock.now();
    const result = await syncOptOuts(db(), client(), deps.clock.now(), deps.settings.get().defaultCountry);
    if (result.added > 0) changed({ what: 'suppression' });
    return result;
  }
  const quietly = () => optOutsIfDue().catch((error: unknown) => deps.log(`[campaigns] opt-out sync failed: ${String(error)}`));
  /** Right before anything leaves: the replies up to this second (refused when they cannot be read). */
  async function beforeSending() {
    const result = await optOutsBeforeSending(db(), client(), deps.clock.now(), deps.settings.get().defaultCountry);
    lastOptOutSync = deps.clock.now();
    if (result.added > 0) changed({ what: 'suppression' });
  }
  /** A preview shows who opted out until now: a read at most every PREVIEW_OPT_OUT_MS (it runs as the user types). */
  const forPreview = () =>
    deps.clock.now() - lastOptOutSync < PREVIEW_OPT_OUT_MS
      ? Promise.resolve()
      : optOutsIfDue(true).then(
          () => undefined,
          (error: unknown) => deps.log(`[campaigns] opt-out sync failed: ${String(error)}`),
        );

  /** Kept campaigns whose time has come are handed to the gateway (the replies up to this second read first). */
  async function releaseKept() {
    const current = signedInDb();
    if (!current) return;
    const due = dueKept(current, deps.clock.now());
    if (due.length === 0) return;
    try {
      await beforeSending();
      for (const id of due) {
        await release(current, deps.scopes.current().jobs, id);
        changed({ what: 'campaign', id });
      }
      deps.history?.syncSoon();
    } catch (error) {
      deps.log(`[campaigns] could not hand kept campaigns to the gateway yet: ${String(error)}`);
    }
  }

  const signedInDb = () => {
    if (!deps.session.get().signedIn) return null;
    try {
      return deps.scopes.current().db;
    } catch {
      return null; // the account's database is not open (yet)
    }
  };
  // Live watching and the periodic opt-out sync, while signed in (see ./watch.ts).
  const watch = createCampaignWatch({
    db: signedInDb,
    client,
    service,
    mirror,
    changed,
    notify: deps.notify,
    stallWords: ({ campaign, phone, minutes }) => {
      const t = translator(deps.settings.get().language ?? 'en');
      return { title: t('campaigns.status.stalledTitle', { campaign }), body: t('campaigns.status.stalled', { phone, minutes }) };
    },
    clock: deps.clock,
    log: deps.log,
    alsoEachRound: async () => {
      await quietly();
      await releaseKept();
    },
    phoneTitle: (id) => deps.phones.snapshot().devices.find((d) => d.device.id === id)?.device.title,
    ...(deps.stallMs !== undefined ? { stallMs: deps.stallMs } : {}),
    ...(deps.watchIntervalMs !== undefined ? { intervalMs: deps.watchIntervalMs } : {}),
  });

  function newsletterView(row: NewsletterRow): NewsletterView {
    const device = deps.phones.snapshot().devices.find((d) => d.device.id === row.device_id)?.device;
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
      const { counts, etaSeconds, stall, refreshedAt } = service.summary(campaign);
      return { ...base, counts, etaSeconds, stall, failures: service.detail(campaign.id).failures, waitingForStart: false, refreshedAt };
    }
    const counts = row.counts ? (JSON.parse(row.counts) as StatusCounts) : emptyCounts(row.recipients);
    const watched = newsletterWatch(row, counts, { now: deps.clock.now(), spacingMs: messageSpacingMs({ sendDelaySeconds: device?.sendDelaySeconds ?? null }), stallMs: deps.stallMs });
    return {
      ...base,
      counts,
      etaSeconds: watched.etaSeconds,
      stall: watched.stall ? { ...watched.stall, title: deviceTitle } : null,
      failures: row.failures ? (JSON.parse(row.failures) as NewsletterView['failures']) : [],
      waitingForStart: row.state === 'created' && watched.listed === 0,
      refreshedAt: row.refreshed_at,
    };
  }

  const handlers: HandlersFor<'campaigns'> = {
    'campaigns:newsletterPreview': async (input) => {
      await forPreview();
      const text = input.footer ? withOptOutFooter(input.body, input.footer) : input.body;
      const count = countSms(text);
      const audience = newsletterAudience(db(), input.tagIds);
      const recipients = audience.contacts.length - audience.optedOut.length;
      const phone = (await phones()).find((p) => p.deviceId === input.deviceId) ?? null;
      return {
        recipients,
        suppressed: audience.optedOut.length,
        tagContacts: audience.contacts.length,
        optedOut: { count: audience.optedOut.length, sample: optedOutSample(audience), people: optedOutViews(db(), audience.optedOut.slice(0, LEFT_OUT_SAMPLE)) },
        unknownTags: audience.unknownTags,
        placeholders: newsletterPlaceholders(text),
        count,
        totalSegments: count.segments * recipients,
        durationMs: recipients * messageSpacingMs({ sendDelaySeconds: phone?.sendDelaySeconds ?? null }),
        schedule: input.sendAt ? service.schedule(input.sendAt) : null,
        device: phone ? { id: phone.deviceId, title: phone.title, online: phone.online } : null,
      };
    },
    'campaigns:testSend': async (input) => {
      await beforeSending();
      const [view] = await sendSingle(db(), client(), {
        to: [input.to], body: input.body, deviceId: input.deviceId, sim: input.sim, sendAt: null, urgent: false, image: null, test: true,
        country: input.country ?? deps.settings.get().defaultCountry,
      });
      changed({ what: 'send', id: view!.id });
      return view!;
    },
    'campaigns:createNewsletter': async (input) => {
      // The body first (nothing to read when it cannot go), then the replies up to this second.
      const refused = placeholderRefusal(input.body);
      if (refused) throw refused;
      await beforeSending();
      const text = input.footer ? withOptOutFooter(input.body, input.footer) : input.body;
      let created;
      try {
        created = await createNewsletter(
          { db: db(), client: client(), service, now: deps.clock.now() },
          { title: input.title, tagIds: input.tagIds, body: text, deviceId: input.deviceId, sim: input.sim, sendAt: input.sendAt, optedOut: input.optedOut, again: input.again },
        );
      } catch (error) {
        // A lost reply leaves a row marked unknown: the list shows it.
        if (error instanceof AppFailure && error.code === 'unknown-outcome') changed({ what: 'newsletter', id: Number(error.params?.newsletterId ?? 0) });
        throw error;
      }
      if (created.kind === 'campaign') {
        changed({ what: 'campaign', id: created.campaign.id });
        deps.history?.syncSoon();
      }
      changed({ what: 'newsletter', id: created.id });
      const view = newsletterView(newsletterRow(created.id));
      return { newsletter: view, startOn: { deviceId: input.deviceId, title: view.deviceTitle }, campaign: created.kind === 'campaign' ? { campaign: created.campaign, job: created.job } : null };
    },
    'campaigns:newsletters': () => (db().prepare('SELECT * FROM newsletters ORDER BY id DESC LIMIT 200').all() as NewsletterRow[]).map(newsletterView),
    'campaigns:refreshNewsletter': async ({ id }) => {
      const row = newsletterRow(id);
      if (row.state !== 'created') return newsletterView(row);
      const result = await newsletterCounts(db(), row, { client, mirror, now: deps.clock.now(), maxReads: MAX_NEWSLETTER_WINDOWS });
      if (!result) throw new AppFailure('validation', `This newsletter is more than ${MAX_NEWSLETTER_WINDOWS} days old: see its messages in the history instead.`, undefined, { days: MAX_NEWSLETTER_WINDOWS }, 'refusals.newsletterTooOld');
      const counts = JSON.stringify(result.counts);
      db()
        .prepare('UPDATE newsletters SET counts = ?, failures = ?, reported_at = CASE WHEN counts IS ? THEN reported_at ELSE ? END, refreshed_at = ? WHERE id = ?')
        .run(counts, JSON.stringify(result.failures), counts, deps.clock.now(), deps.clock.now(), id);
      changed({ what: 'newsletter', id });
      return newsletterView(newsletterRow(id));
    },
    'campaigns:pickFile': async () => {
      if (!deps.pickFile) throw new AppFailure('internal', 'Picking files is not available here.', undefined, undefined, 'refusals.choosingUnavailable');
      const path = await deps.pickFile({ title: dialogWords('screens.dialogs.openCampaignFile'), filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
      if (path === null) return null;
      const fileId = randomUUID();
      files.set(fileId, path);
      return { fileId, name: basename(path), size: (await stat(path)).size };
    },
    'campaigns:preview': async (input) => {
      await forPreview();
      return (await service.prepare(input)).preview;
    },
    'campaigns:start': async (input) => {
      await beforeSending();
      const prepared = await service.prepare(input);
      // Kept here until shortly before its time, when the user chose so and the time is far enough away.
      const firstAt = prepared.ready?.plan.firstAt ?? null;
      const keep = input.handOver === 'keep-here' && input.sendAt !== null && firstAt !== null && firstAt - KEEP_LEAD_MS > deps.clock.now();
      const result = keep ? await service.startPrepared(prepared, input.again, null, { keepUntil: firstAt - KEEP_LEAD_MS }) : await service.startPrepared(prepared, input.again, null);
      changed({ what: 'campaign', id: result.campaign.id });
      deps.history?.syncSoon();
      return result;
    },
    'campaigns:list': () => service.list(),
    'campaigns:stop': async ({ id, action }) => {
      // Resuming sends again: the replies up to this second first (the job leaves out whoever opted out).
      if (action === 'resume') await beforeSending();
      const view = stopCampaign({ db: db(), jobs: deps.scopes.current().jobs, now: deps.clock.now() }, id, action);
      changed({ what: 'campaign', id });
      return view;
    },
    'campaigns:get': async ({ id }) => {
      // The watcher keeps it current; a view opened between its rounds gets one bounded, concurrent refresh.
      const row = campaignRow(db(), id);
      if (row && (row.refreshed_at === null || deps.clock.now() - row.refreshed_at >= GET_REFRESH_MS)) {
        await service.refresh(id, { maxReads: GET_READS, mirror }).catch((error: unknown) => deps.log(`[campaigns] refresh failed: ${String(error)}`));
      }
      return service.detail(id);
    },
    'campaigns:resendFailures': ({ id, phones: chosen }) => resend(id, 'failures', chosen),
    'campaigns:sendMissing': ({ id, phones: chosen }) => resend(id, 'missing', chosen),
    'campaigns:exportReport': async ({ id }) => {
      const row = campaignRow(db(), id);
      if (!row) throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
      if (!deps.saveFile) throw new AppFailure('internal', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
      const path = await deps.saveFile({ title: dialogWords('screens.dialogs.saveCampaignReport'), defaultName: `campaign-${id}.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }] });
      if (path === null) return { saved: false, name: null, rows: 0 };
      const count = await service.exportReport(id, path);
      return { saved: true, name: basename(path), rows: count };
    },
    'campaigns:pickImage': async () => {
      if (!deps.pickFile) throw new AppFailure('internal', 'Picking files is not available here.', undefined, undefined, 'refusals.choosingUnavailable');
      const path = await deps.pickFile({ title: dialogWords('screens.dialogs.openImage'), filters: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] }] });
      if (path === null) return null;
      return images.fromFile(path);
    },
    'campaigns:putImage': ({ name, dataUrl }) => images.fromRenderer(name, dataUrl),
    'campaigns:send': async (input) => {
      const image = input.imageId === null ? null : images.get(input.imageId);
      if (image === undefined) throw new AppFailure('validation', 'Pick the image again.', 'imageId', undefined, 'refusals.pickImageAgain');
      await beforeSending();
      const views = await sendSingle(db(), client(), {
        to: input.to, body: input.body, deviceId: input.deviceId, sim: input.sim, sendAt: input.sendAt, urgent: input.urgent,
        image: image ? { data: image.data, fileName: image.fileName, mimeType: image.mimeType } : null, test: false,
        country: input.country ?? deps.settings.get().defaultCountry,
      });
      for (const v of views) changed({ what: 'send', id: v.id });
      deps.history?.syncSoon();
      return views;
    },
    'campaigns:sendCheck': async ({ to, country }) => {
      await forPreview();
      return checkRecipients(db(), to, country ?? deps.settings.get().defaultCountry);
    },
    'campaigns:sends': ({ limit }) => singleViews(db(), limit),
    'campaigns:suppression': (query) => listSuppressed(db(), query),
    'campaigns:suppressionAdd': ({ phones: list, country }) => {
      const read = createPhoneReader((country ?? deps.settings.get().defaultCountry) as CountryCode);
      const invalid: string[] = [];
      const entries = [];
      for (const raw of list) {
        const reading = read(raw);
        if (reading.ok) entries.push({ phone: reading.phone, source: 'manual' as const });
        else invalid.push(raw);
      }
      const added = addSuppressed(db(), entries, Date.now());
      changed({ what: 'suppression' });
      return { added, invalid };
    },
    'campaigns:suppressionRemove': ({ phones: list }) => {
      const removed = removeSuppressed(db(), list, deps.clock.now());
      changed({ what: 'suppression' });
      return { removed };
    },
    'campaigns:syncOptOuts': () => optOutsIfDue(true),
  };

  /** A new, explicit campaign of another's retryable failures or missing recipients (recorded as such). */
  async function resend(id: number, reason: 'failures' | 'missing', chosen?: { deviceId: number; sim: SimSlot }[]) {
    await beforeSending();
    const result = await service.resend(id, reason, chosen);
    changed({ what: 'campaign', id: result.campaign.id });
    return result;
  }

  function newsletterRow(id: number): NewsletterRow {
    const row = db().prepare('SELECT * FROM newsletters WHERE id = ?').get(id) as NewsletterRow | undefined;
    if (!row) throw new AppFailure('validation', 'This newsletter does not exist (any more).', undefined, { id }, 'refusals.noSuchNewsletter');
    return row;
  }

  return { handlers, dispose: () => watch.dispose() };
}

interface NewsletterRow {
  id: number;
  state: NewsletterView['state'];
  paket_id: number;
  campaign_id: number | null;
  opted_out: number;
  opted_out_decision: 'include' | 'send-as-campaign' | null;
  failures: string | null;
  reported_at: number | null;
  title: string;
  body: string;
  tags: string;
  device_id: number;
  sim: number;
  send_at: string | null;
  recipients: number;
  counts: string | null;
  refreshed_at: number | null;
  created_at: number;
}
