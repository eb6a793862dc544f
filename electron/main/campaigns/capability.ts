import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import type { CampaignsChange, Capability, HandlersFor } from '../../../shared/ipc';
import type { AccountScopes } from '../account/scope';
import type { OptOutGuard } from '../optouts';
import type { StatusMirror } from './mirror';
import type { DeviceMonitor } from '../devices';
import type { MonitorClock } from '../lib/clock';
import type { PlatformPieces } from '../platform';
import type { SessionService } from '../session';
import { type SettingsService, dialogTitle } from '../settings';
import { phoneHealth } from './health';
import { campaignSendKind } from './send-job';
import { createCampaignService, type CampaignService } from './service';
import { type PhoneInfo } from './phones';
import { campaignRow } from './store';
import { translator } from '../../../shared/i18n';
import { effectiveLanguage } from '../../../shared/language';
import { createStatusMirror } from './mirror';
import { dueKept, KEEP_LEAD_MS, release, stopCampaign } from './stop';
import { createCampaignWatch } from './watch';
import { effectiveTimeZone } from '../../../shared/time-zone';

// The campaigns capability: personalised bulk sends (and the live watch over every send that is not final yet:
// campaigns, newsletters and single sends; see ./watch.ts). Newsletters build on its service (a newsletter sent as
// a campaign), so it hands them the service, the phones and the mirror.

/** The platform's pieces this capability uses (./platform.ts). */
export interface CampaignsDeps extends Pick<PlatformPieces, 'notify' | 'pickFile' | 'saveFile' | 'log'> {
  session: Pick<SessionService, 'client' | 'get' | 'onChange'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  /** The phone monitor: which phones are online (a plan's weights) and their titles. */
  phones: Pick<DeviceMonitor, 'snapshot' | 'refresh'>;
  clock: MonitorClock;
  /** The opt-out list, read up to this second before anything leaves. */
  optOuts: OptOutGuard;
  /** What moved (a campaign, and through the watch a newsletter, a single send, the opt-out list): pushed as events. */
  changed: (change: CampaignsChange) => void;
  /** The zone the gateway reads naive times in (the client's serverTimeZone). */
  gatewayZone?: string;
  /** The message history mirror: statuses are read from it when it covers a campaign, and it is told after sends. */
  history?: { syncSoon(): void; syncing?(): boolean };
  /** Tests: how long a phone may be silent holding taken messages (default 10 min), the watch's round. */
  stallMs?: number;
  watchIntervalMs?: number;
}

/** campaigns:get reads back at most this many chunks (at once), and not again within GET_REFRESH_MS. */
const GET_READS = 4;
const GET_REFRESH_MS = 5_000;

export interface CampaignsCapability extends Capability<'campaigns'> {
  service: CampaignService;
  phones: () => Promise<PhoneInfo[]>;
  mirror: StatusMirror | null;
}

export function createCampaignsCapability(deps: CampaignsDeps): CampaignsCapability {
  const files = new Map<string, string>();
  const dialogWords = (key: Parameters<typeof dialogTitle>[1]) => dialogTitle(deps.settings, key);
  const db = () => deps.scopes.current().db;
  const client = () => deps.session.client();
  const zone = () => effectiveTimeZone(deps.settings.get().timeZone);
  const changed = deps.changed;

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
      deviceId: v.device.id,
      title: v.device.title,
      online: v.online,
      sendDelaySeconds: v.device.sendDelaySeconds,
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
      if (!path)
        throw new AppFailure(
          'validation',
          'Pick the file again (it was picked in an earlier session).',
          'source',
          undefined,
          'refusals.pickFileAgain',
        );
      return path;
    },
    country: () => deps.settings.get().defaultCountry,
    zone,
    gatewayZone: () => deps.gatewayZone ?? 'UTC',
    now: () => deps.clock.now(),
    ...(deps.stallMs !== undefined ? { stallMs: deps.stallMs } : {}),
  });

  const quietly = () => deps.optOuts.ifDue().catch((error: unknown) => deps.log(`[campaigns] opt-out sync failed: ${String(error)}`));
  const beforeSending = () => deps.optOuts.beforeSending();
  const forPreview = () => deps.optOuts.forPreview();

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
      const t = translator(effectiveLanguage(deps.settings.get().language, Intl.DateTimeFormat().resolvedOptions().locale));
      return {
        title: t('campaigns.status.stalledTitle', { campaign }),
        body: t('campaigns.status.stalled', { phone, minutes, count: minutes }),
      };
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

  const handlers: HandlersFor<'campaigns'> = {
    'campaigns:pickFile': async () => {
      if (!deps.pickFile)
        throw new AppFailure('internal', 'Picking files is not available here.', undefined, undefined, 'refusals.choosingUnavailable');
      const path = await deps.pickFile({
        title: dialogWords('screens.dialogs.openCampaignFile'),
        filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }],
      });
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
      const result = keep
        ? await service.startPrepared(prepared, input.again, null, { keepUntil: firstAt - KEEP_LEAD_MS })
        : await service.startPrepared(prepared, input.again, null);
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
        await service
          .refresh(id, { maxReads: GET_READS, mirror })
          .catch((error: unknown) => deps.log(`[campaigns] refresh failed: ${String(error)}`));
      }
      return service.detail(id);
    },
    'campaigns:resendFailures': ({ id, phones: chosen }) => resend(id, 'failures', chosen),
    'campaigns:sendMissing': ({ id, phones: chosen }) => resend(id, 'missing', chosen),
    'campaigns:exportReport': async ({ id }) => {
      const row = campaignRow(db(), id);
      if (!row)
        throw new AppFailure('validation', 'This campaign does not exist (any more).', undefined, { id }, 'refusals.noSuchCampaign');
      if (!deps.saveFile)
        throw new AppFailure('internal', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
      const path = await deps.saveFile({
        title: dialogWords('screens.dialogs.saveCampaignReport'),
        defaultName: `campaign-${id}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (path === null) return { saved: false, name: null, rows: 0 };
      const count = await service.exportReport(id, path);
      return { saved: true, name: basename(path), rows: count };
    },
  };

  /** A new, explicit campaign of another's retryable failures or missing recipients (recorded as such). */
  async function resend(id: number, reason: 'failures' | 'missing', chosen?: { deviceId: number; sim: SimSlot }[]) {
    await beforeSending();
    const result = await service.resend(id, reason, chosen);
    changed({ what: 'campaign', id: result.campaign.id });
    return result;
  }

  return { handlers, dispose: () => watch.dispose(), service, phones, mirror };
}
