import { once } from 'node:events';
import { translator } from '../../../shared/i18n';
import { resolve } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { MESSAGE_STATUS_CODES, SIM_CHANNEL, SIM_SLOTS } from '../../../shared/domain';
import type { MessageStatusCode, SimSlot } from '../../../shared/domain';
import { STATUS_GROUPS } from '../../../shared/ipc/messages';
import type { MessageCursor, MessageFilter, StatusGroup } from '../../../shared/ipc/messages';
import type { JobKind } from '../../main/jobs';
import {
  countMessages,
  exportMessagesCsv,
  historySyncJobKind,
  HISTORY_SYNC_KIND,
  isoInZone,
  listMessages,
  STATUS_NAMES_EN,
  systemTimeZone,
  DEFAULT_REACH_DAYS,
} from '../../main/messages';
import { runJobInCli } from '../jobs';
import { UsageError, type Command } from './types';

// `relay history`: syncs the part of the history mirror the range needs (the app's own sync job kind:
// incremental, resumable), then writes the range's messages as CSV (the app's export) or as one JSON
// document. Dates are local dates in the process's zone (TZ), and the output's instants carry its offset.

const USAGE =
  'relay history [--from DATE] [--to DATE] [--status N|GROUP[,...]] [--phone P] [--device ID[,ID...]] [--sim N] (--csv FILE | --json)';

export interface HistoryRange {
  /** Local midnight of --from (default: DEFAULT_REACH_DAYS days before today). */
  fromMs: number;
  /** Local midnight after --to (default: tomorrow's), so --to's whole day is in. */
  toMs: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDay(text: string, option: string, zone: string): Temporal.ZonedDateTime {
  if (!DATE.test(text)) throw new UsageError(`${option} takes a date such as 2024-03-01, not "${text}".`);
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' }).toZonedDateTime({ timeZone: zone });
  } catch {
    throw new UsageError(`${option} takes a date such as 2024-03-01: "${text}" is not a day of the calendar.`);
  }
}

/** --from and --to as instants in `zone`; both days included. */
export function historyRange(from: string | undefined, to: string | undefined, zone: string, now: number): HistoryRange {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).startOfDay();
  const start = from === undefined ? today.subtract({ days: DEFAULT_REACH_DAYS }) : localDay(from, '--from', zone);
  const end = (to === undefined ? today : localDay(to, '--to', zone)).add({ days: 1 }).startOfDay();
  if (start.epochMilliseconds >= end.epochMilliseconds) throw new UsageError('--from must not be after --to.');
  return { fromMs: start.epochMilliseconds, toMs: end.epochMilliseconds };
}

function parseStatuses(text: string | undefined): Pick<MessageFilter, 'statuses' | 'groups'> {
  if (text === undefined) return {};
  const statuses: MessageStatusCode[] = [];
  const groups: StatusGroup[] = [];
  for (const part of text.split(',').map((p) => p.trim().toLowerCase())) {
    if (/^\d+$/.test(part) && MESSAGE_STATUS_CODES.includes(Number(part) as MessageStatusCode))
      statuses.push(Number(part) as MessageStatusCode);
    else if ((STATUS_GROUPS as readonly string[]).includes(part)) groups.push(part as StatusGroup);
    else
      throw new UsageError(
        `--status takes status codes (${MESSAGE_STATUS_CODES.join(', ')}) or groups (${STATUS_GROUPS.join(', ')}), not "${part}".`,
      );
  }
  return { ...(statuses.length ? { statuses } : {}), ...(groups.length ? { groups } : {}) };
}

function parseDevices(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((p) => p.trim());
  if (ids.some((id) => !/^\d{1,15}$/.test(id))) throw new UsageError(`--device takes phone ids such as 12 or 12,14, not "${text}".`);
  return ids.map(Number);
}

function parseSim(text: string | undefined): SimSlot[] | undefined {
  if (text === undefined) return undefined;
  const slot = Number(text);
  if (!/^\d$/.test(text) || !SIM_SLOTS.includes(slot as SimSlot)) throw new UsageError(`--sim takes 0 to 5, not "${text}".`);
  return [slot as SimSlot];
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'Sync the message history for a date range and export it',
  usage: USAGE,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    status: { type: 'string' },
    phone: { type: 'string' },
    device: { type: 'string' },
    sim: { type: 'string' },
    csv: { type: 'string' },
  },
  async run(ctx, values) {
    const csv = values['csv'] as string | undefined;
    const json = ctx.options.json;
    if ((csv === undefined) === !json) throw new UsageError('Give either --csv FILE or --json.');
    if (csv === '') throw new UsageError('--csv takes the file to write.');
    const zone = systemTimeZone();
    const range = historyRange(values['from'] as string | undefined, values['to'] as string | undefined, zone, Date.now());
    const phone = values['phone'] as string | undefined;
    if (phone !== undefined && (phone.length > 40 || !/\d/.test(phone)))
      throw new UsageError(`--phone takes a number (or part of one), not "${phone}".`);
    const deviceIds = parseDevices(values['device'] as string | undefined);
    const sims = parseSim(values['sim'] as string | undefined);
    const format = isoInZone(zone);
    const filter: MessageFilter = {
      from: format(range.fromMs),
      to: format(range.toMs),
      ...parseStatuses(values['status'] as string | undefined),
      ...(phone !== undefined ? { phone } : {}),
      ...(deviceIds ? { deviceIds } : {}),
      ...(sims ? { sims } : {}),
    };

    const client = await ctx.gateway();
    // Up to now at most: the future holds nothing yet (a scheduled message was created before now).
    const input = { fromMs: range.fromMs, toMs: Math.min(range.toMs, Date.now() + 1_000) };
    const run = await runJobInCli(ctx, {
      kinds: [historySyncJobKind({ client: () => client }) as unknown as JobKind<never, never>],
      kind: HISTORY_SYNC_KIND,
      input,
      title: `Sync message history ${format(range.fromMs).slice(0, 10)} to ${format(range.toMs - 1).slice(0, 10)}`,
      dedupeKey: `history:${range.fromMs}-${range.toMs}`,
      label: 'Syncing',
    });
    try {
      if (run.stopped || run.stalled) {
        ctx.io.stderr.write(`relay history: ${run.stalled ?? 'stopped'}. Run the same command again to carry on from where it stopped.\n`);
        return run.stalled ? 1 : 130;
      }
      if (run.job.state !== 'done') {
        ctx.io.stderr.write(
          `relay history: the sync did not finish (${run.job.error ?? run.job.state}). Check the gateway, then run the same command again.\n`,
        );
        return 1;
      }
      if (csv !== undefined) {
        const path = resolve(csv);
        const { rows } = await exportMessagesCsv(path, { db: run.db, filter, timeZone: zone, signal: ctx.signal });
        ctx.io.stderr.write(`${translator('en')('cli.historyWritten', { count: rows, path })}\n`);
        return 0;
      }
      await writeJson(ctx.io.stdout, run.db, filter, zone, format(range.fromMs), format(range.toMs));
      return 0;
    } finally {
      run.close();
    }
  },
};

interface Out {
  write(text: string): unknown;
}

/** One JSON document, streamed page by page (a range may hold 100k messages). */
async function writeJson(
  out: Out,
  db: Parameters<typeof listMessages>[0],
  filter: MessageFilter,
  zone: string,
  from: string,
  to: string,
): Promise<void> {
  const format = isoInZone(zone);
  const when = (iso: string | undefined) => (iso === undefined ? null : format(Date.parse(iso)));
  const count = countMessages(db, filter);
  await write(
    out,
    `{"timeZone":${JSON.stringify(zone)},"from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"count":${count},"messages":[`,
  );
  let after: MessageCursor | undefined;
  let first = true;
  for (;;) {
    const page = listMessages(db, { filter, limit: 1_000, withTotal: false, ...(after ? { after } : {}) });
    let chunk = '';
    for (const m of page.rows) {
      chunk += `${first ? '\n' : ',\n'}${JSON.stringify({
        id: m.id,
        created: when(m.created.iso),
        sent: when(m.sentAt?.iso),
        scheduled: when(m.sendAt?.iso),
        statusCode: m.status,
        status: STATUS_NAMES_EN[m.status],
        recipient: m.sendTo,
        body: m.body,
        deviceId: m.deviceId,
        sim: m.sim,
        channel: SIM_CHANNEL[m.sim],
        customerId: m.customerId,
        newsletterId: m.newsletter?.id ?? null,
        newsletter: m.newsletter?.title ?? null,
        urgent: m.urgent,
      })}`;
      first = false;
    }
    await write(out, chunk);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  await write(out, '\n]}\n');
}

/** Respects a pipe's backpressure when the output is a real stream. */
async function write(out: Out, text: string): Promise<void> {
  if (text === '') return;
  const ok = out.write(text);
  if (ok === false && typeof (out as NodeJS.WritableStream).once === 'function') await once(out as NodeJS.WritableStream, 'drain');
}
