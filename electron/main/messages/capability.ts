import { stopSyncThreads } from './sync-threads';
import { basename } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { MESSAGE_STATUS, MESSAGE_STATUS_CODES, SIM_CHANNEL } from '../../../shared/domain';
import type { Language, Message, SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import type { Capability, MessageDetail, ReportLine, ReportRequest, ReportView, TimeView } from '../../../shared/ipc';
import { effectiveLanguage } from '../../../shared/language';
import type { AccountScopes } from '../account/scope';
import type { Db } from '../db';
import type { MonitorClock } from '../lib/clock';
import { contactNames } from '../contacts';
import { EXTERNAL_LINK_HOSTS, isAllowedExternalHost } from '../security';
import type { FileFilter, PlatformPieces } from '../platform';
import type { SessionService } from '../session';
import type { SettingsService } from '../settings';
import { historySyncJobKind } from './job';
import { createLiveMonitor, type LiveMonitor } from './live';
import type { FailureThreshold } from './refresh';
import { getMessage } from './query';
import { campaignByCustomerId } from '../campaigns';
import { testSendCustomerIds } from '../sending';
import { openHistoryReader, type HistoryReader } from './reader';
import { reportFigures } from './stats';
import { statusGroup } from './status';
import { isoInZone } from './zone';
import { effectiveTimeZone } from '../../../shared/time-zone';

// Messages: the history mirror's channels (list, details, status, sync, export, today, report, images) and
// the live monitor (live.ts) that keeps the mirror, the "today" feed, notifications and the tray current.
// Handlers only read the mirror (indexed queries, no per-row work) or start work that runs elsewhere.

/** The platform's pieces this capability uses (platform.ts). */
export interface MessagesDeps extends Pick<PlatformPieces, 'emit' | 'notify' | 'saveFile' | 'openExternal' | 'setTrayStatus' | 'log'> {
  session: Pick<SessionService, 'client' | 'get'>;
  settings: Pick<SettingsService, 'get'>;
  scopes: AccountScopes;
  clock: MonitorClock;
  /** Locale for words when Settings has no language. */
  locale?: string;
  /** Tests: the notification rules. */
  failureThreshold?: FailureThreshold;
  maxWaitMs?: number;
}

export interface MessagesCapability extends Capability<'messages'> {
  /** Call after the app sent something: a history sync follows shortly (never two at once). */
  syncSoon(): void;
  /** A history sync is running: until it ends, the mirror may hold statuses older than the gateway's. */
  syncing(): boolean;
  /** The live monitor (its `tick` is one poll; tests drive it directly). */
  live: LiveMonitor;
}

const CSV_FILTERS: FileFilter[] = [{ name: 'CSV', extensions: ['csv'] }];

/** A WhatsApp image message's body is the image's link (the gateway replaced the text with it). */
export function imageUrlOf(message: Pick<Message, 'sim' | 'body'>): string | null {
  if (message.sim !== 2 && message.sim !== 3) return null;
  const body = message.body.trim();
  if (!/^https?:\/\/\S+$/i.test(body)) return null;
  try {
    return new URL(body).href;
  } catch {
    return null;
  }
}

/** Local midnight of a local date ("2024-03-01") in `zone`, epoch ms. */
export function localDateStart(date: string, zone: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).epochMilliseconds;
}

/** An instant in the user's zone and in the gateway's (an IANA name or an offset such as "+02:00"). */
export function timeView(iso: string, localZone: string, gatewayZone: string): TimeView {
  const ms = Date.parse(iso);
  const local = isoInZone(localZone)(ms);
  let gateway: string;
  try {
    gateway = isoInZone(gatewayZone)(ms);
  } catch {
    gateway = new Date(ms).toISOString();
  }
  return { iso, local, gateway, gatewayZone, differs: local !== gateway };
}

/**
 * Of these messages, the ids of the test sends (the campaigns' single sends flagged `test`, matched by their
 * customerid), so the history can say "Test".
 */
export function testSendIds(db: Db, messages: readonly Pick<Message, 'id' | 'customerId'>[]): number[] {
  const customerIds = messages.flatMap((m) => (m.customerId !== null && m.customerId > 0 ? [m.customerId] : []));
  if (customerIds.length === 0) return [];
  const tests = testSendCustomerIds(db, customerIds);
  return messages.filter((m) => m.customerId !== null && tests.has(m.customerId)).map((m) => m.id);
}

function detailOf(db: Db, message: Message, timeZone: string): MessageDetail {
  const { key, final, outcome } = MESSAGE_STATUS[message.status];
  const view = (instant: Message['sentAt']) => (instant ? timeView(instant.iso, timeZone, instant.zone) : null);
  return {
    message,
    group: statusGroup(message.status),
    statusKey: key,
    final,
    failureCode: outcome === 'failed' ? message.status : null,
    timeZone,
    times: { created: view(message.created)!, sent: view(message.sentAt), scheduled: view(message.sendAt) },
    newsletter: message.newsletter ? { id: message.newsletter.id, title: message.newsletter.title } : null,
    campaign: campaignByCustomerId(db, message.customerId),
    imageUrl: imageUrlOf(message),
    ...(testSendIds(db, [message]).length > 0 ? { test: true as const } : {}),
  };
}

/** Contact names of these numbers, keyed by the number as written; undefined when none has one. */
export function namesOf(db: Db, phones: readonly string[]): Record<string, string> | undefined {
  const byDigits = contactNames(db, phones);
  if (byDigits.size === 0) return undefined;
  const names: Record<string, string> = {};
  for (const phone of phones) {
    const name = byDigits.get(phone.replace(/\D+/g, ''));
    if (name) names[phone] = name;
  }
  return names;
}

/** The report's lines, per phone or per channel, merged from the per phone-and-SIM series. */
export function reportView(db: Db, request: ReportRequest, timeZone: string): ReportView {
  let figures;
  try {
    figures = reportFigures(db, {
      fromMs: Date.parse(request.from),
      toMs: Date.parse(request.to),
      bucket: request.bucket,
      timeZone,
      ...(request.deviceIds ? { deviceIds: request.deviceIds } : {}),
      ...(request.sims ? { sims: request.sims } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new AppFailure('validation', error.message, undefined, undefined, 'refusals.rangeTooLong');
    throw error;
  }
  const buckets = figures.edges.length - 1;
  const lines = new Map<string, ReportLine>();
  for (const series of figures.series) {
    const channel = SIM_CHANNEL[series.sim as SimSlot] ?? 'sms';
    const key = request.by === 'phone' ? `phone:${series.deviceId}` : `channel:${channel}`;
    let line = lines.get(key);
    if (!line) {
      const zeros = () => new Array<number>(buckets).fill(0);
      line = {
        key,
        deviceId: request.by === 'phone' ? series.deviceId : null,
        channel: request.by === 'channel' ? channel : null,
        waiting: zeros(),
        sent: zeros(),
        delivered: zeros(),
        failed: zeros(),
        incoming: zeros(),
      };
      lines.set(key, line);
    }
    for (const group of ['waiting', 'sent', 'delivered', 'failed', 'incoming'] as const) {
      for (let i = 0; i < buckets; i++) line[group][i]! += series[group][i] ?? 0;
    }
  }
  return {
    edges: figures.edges,
    timeZone,
    lines: [...lines.values()],
    totals: figures.totals,
    deliveryRate: figures.deliveryRate,
    medianCreatedToSentMs: figures.medianCreatedToSentMs,
    medianSentToDeliveredMs: figures.medianSentToDeliveredMs,
    deliverySeenCount: figures.deliverySeenCount,
  };
}

export function createMessagesCapability(deps: MessagesDeps): MessagesCapability {
  const now = () => deps.clock.now();
  const language = (): Language => effectiveLanguage(deps.settings.get().language, deps.locale);
  const timeZone = (): string => effectiveTimeZone(deps.settings.get().timeZone);
  const db = (): Db => deps.scopes.current().db;
  // The list and exports are read on the account's reader thread (reader.ts); a new account gets its own.
  let reader: { db: Db; reader: HistoryReader } | null = null;
  const readerFor = (account: Db): HistoryReader => {
    if (reader?.db !== account) {
      void reader?.reader.close();
      reader = { db: account, reader: openHistoryReader(account) };
    }
    return reader.reader;
  };

  deps.scopes.registerKind(historySyncJobKind({ client: () => deps.session.client(), now }));

  const live = createLiveMonitor({
    scopes: deps.scopes,
    client: () => deps.session.client(),
    settings: () => ({
      timeZone: timeZone(),
      language: language(),
      pollSeconds: deps.settings.get().devicePollSeconds,
      historyDays: deps.settings.get().historyDays,
    }),
    emit: deps.emit,
    notify: deps.notify,
    ...(deps.setTrayStatus ? { setTrayStatus: deps.setTrayStatus } : {}),
    clock: deps.clock,
    log: deps.log,
    ...(deps.failureThreshold ? { failureThreshold: deps.failureThreshold } : {}),
    ...(deps.maxWaitMs !== undefined ? { maxWaitMs: deps.maxWaitMs } : {}),
  });

  return {
    live,
    syncSoon: () => live.syncSoon(),
    syncing: () => {
      try {
        return live.status(db()).syncing;
      } catch {
        return false; // signed out: nothing syncs
      }
    },
    handlers: {
      'messages:list': async (input) => {
        const account = db();
        const page = await readerFor(account).list(input);
        const testIds = testSendIds(account, page.rows);
        const names = namesOf(
          account,
          page.rows.map((m) => m.sendTo),
        );
        return { ...page, ...(testIds.length > 0 ? { testIds } : {}), ...(names ? { names } : {}) };
      },
      'messages:get': ({ id }) => {
        const found = getMessage(db(), id);
        if (!found) return null;
        const name = namesOf(db(), [found.sendTo])?.[found.sendTo];
        return { ...detailOf(db(), found, timeZone()), ...(name ? { contactName: name } : {}) };
      },
      'messages:status': () => live.status(db()),
      'messages:sync': async (input) => {
        const fromMs = input?.since === undefined ? undefined : localDateStart(input.since, timeZone());
        if (fromMs !== undefined && fromMs > now())
          throw new AppFailure('validation', 'Choose a day in the past to sync from.', undefined, undefined, 'refusals.syncFromPast');
        await live.sync(fromMs);
        return live.status(db());
      },
      'messages:export': async ({ filter, sort }) => {
        const account = db();
        if (!deps.saveFile)
          throw new AppFailure('validation', 'Saving files is not available here.', undefined, undefined, 'refusals.savingUnavailable');
        const t = translator(language());
        const day = isoInZone(timeZone())(now()).slice(0, 10);
        const path = await deps.saveFile({
          title: t('messagesMain.exportTitle'),
          defaultName: `messages-${day}.csv`,
          filters: CSV_FILTERS,
        });
        if (path === null) return { saved: false, name: null, rows: 0 };
        // Written by the reader thread, streamed in pages: the window's calls are answered meanwhile.
        const statusNames = Object.fromEntries(
          MESSAGE_STATUS_CODES.map((code) => [code, t(`messagesMain.status.${MESSAGE_STATUS[code].key}` as 'messagesMain.status.new')]),
        );
        const { rows } = await readerFor(account).exportCsv({
          path,
          ...(filter ? { filter } : {}),
          ...(sort ? { sort } : {}),
          timeZone: timeZone(),
          statusNames,
        });
        return { saved: true, name: basename(path), rows };
      },
      'messages:today': () => live.today(db()),
      'messages:report': (input) => reportView(db(), input, timeZone()),
      'messages:openImage': async ({ id }) => {
        const found = getMessage(db(), id);
        const url = found ? imageUrlOf(found) : null;
        if (!url || !deps.openExternal) return { opened: false };
        // The gateway's own hosts only: its public site, and the server this account signs in to (where
        // it keeps the uploaded images).
        const server = deps.session.get().server;
        const hosts = [...EXTERNAL_LINK_HOSTS];
        if (server) {
          try {
            hosts.push(new URL(server).hostname);
          } catch {
            // not a URL: only the public site
          }
        }
        if (!isAllowedExternalHost(url, hosts)) return { opened: false };
        await deps.openExternal(url);
        return { opened: true };
      },
    },
    dispose: async () => {
      await reader?.reader.close();
      reader = null;
      live.dispose();
      // The threads a big sync keeps for the next one (sync-threads.ts).
      await stopSyncThreads();
    },
  };
}
