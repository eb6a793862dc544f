import { resolve } from 'node:path';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { MESSAGE_LANGUAGES, type MessageLanguage } from '../../../shared/opt-out-footer';
import type { QuietHours } from '../../main/campaigns/pacing';
import { campaignSendKind, CAMPAIGN_JOB_KIND } from '../../main/campaigns/send-job';
import { createCampaignService, phonesFromGateway } from '../../main/campaigns/service';
import type { Db } from '../../main/db';
import type { JobKind } from '../../main/jobs';
import { openAccountJobs } from '../jobs';
import { freshOptOuts } from '../opt-outs';
import { UsageError, type Command } from './types';

// `relay campaign`: the same personalised bulk send as the window's, as a durable job in the account's database.
// Every chunk's customerid is journaled before its request leaves; a lost reply is read back, never resent;
// re-running the same command after a kill resumes the unfinished campaign instead of starting another.

export const campaignCommand: Command = {
  name: 'campaign',
  summary: 'Send a personalised message to a CSV file or a tag, paced across phones',
  usage:
    'relay campaign (--file CSV [--country CC] | --tag NAME[,NAME...]) --body TEMPLATE --device ID[,ID...] [--sim N] [--at TIME] [--quiet-hours HH:MM-HH:MM] [--daily-cap N] [--footer en|pt|es] [--again] [--json]',
  options: {
    file: { type: 'string' },
    country: { type: 'string' },
    tag: { type: 'string' },
    body: { type: 'string' },
    device: { type: 'string' },
    sim: { type: 'string' },
    at: { type: 'string' },
    again: { type: 'boolean' },
    'quiet-hours': { type: 'string' },
    'daily-cap': { type: 'string' },
    footer: { type: 'string' },
  },
  async run(ctx, values) {
    const file = values['file'] as string | undefined;
    const tag = values['tag'] as string | undefined;
    const body = values['body'] as string | undefined;
    if ((file === undefined) === (tag === undefined)) throw new UsageError('Give either --file CSV or --tag NAME.');
    if (!body) throw new UsageError('--body TEMPLATE is required.');
    const deviceIds = parseDevices(values['device'] as string | undefined);
    const sim = parseSim(values['sim'] as string | undefined);
    const sendAt = parseAt(values['at'] as string | undefined);
    const country = values['country'] as string | undefined;
    if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) throw new UsageError('--country takes a two-letter code such as BR.');
    const quietHours = parseQuietHours(values['quiet-hours'] as string | undefined);
    const dailyCap = parseDailyCap(values['daily-cap'] as string | undefined);
    const footer = parseFooter(values['footer'] as string | undefined);

    const client = await ctx.gateway();
    const settings = ctx.settings();
    // RELAY_RECONCILE_GRACE_MS: how long a read-back waits for a lost chunk to show up (tests shorten it).
    const grace = Number(ctx.io.env['RELAY_RECONCILE_GRACE_MS']);
    const graceOptions = Number.isFinite(grace) && grace >= 0 ? { graceMs: grace, recheckMs: Math.max(50, Math.min(grace, 1_000)) } : {};
    const kinds = [campaignSendKind({ client: () => client, ...graceOptions }) as unknown as JobKind<never, never>];
    const { db, runner, close } = await openAccountJobs(ctx, kinds);
    try {
      const service = createCampaignService({
        db: () => db,
        jobs: () => runner,
        client: () => client,
        phones: () => phonesFromGateway(client),
        filePath: (id) => id,
        country: () => settings.defaultCountry,
        zone: () => settings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        gatewayZone: () => 'UTC',
      });
      let source: Parameters<typeof service.start>[0]['source'];
      if (file !== undefined) {
        source = { kind: 'file', fileId: resolve(file), ...(country ? { country: country.toUpperCase() } : {}) };
      } else {
        // --tag A,B: every contact of both tags, each number once (what `relay newsletter` refers people to).
        const tagIds = tag!.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
          const row = db.prepare('SELECT id FROM contact_tags WHERE title = ? COLLATE NOCASE ORDER BY id LIMIT 1').get(name) as { id: number } | undefined;
          if (!row) throw new AppFailure('validation', `No tag "${name}" in this account's registry: import contacts into it first.`, undefined, { tag: name }, 'refusals.noSuchTag');
          return row.id;
        });
        source = tagIds.length === 1 ? { kind: 'tag', tagId: tagIds[0]! } : { kind: 'tags', tagIds };
      }
      // Opt-outs first: a STOP that came in a second ago is left out of this one.
      await freshOptOuts(ctx, db, client);
      const input = { source, body, phones: deviceIds.map((deviceId) => ({ deviceId, sim })), sendAt, quietHours, dailyCap, footer };
      const prepared = await service.prepare(input);
      // An unfinished run of this very campaign (killed, stopped) resumes: re-running the command is the say-so.
      const earlier = prepared.preview.sameAs ? db.prepare('SELECT id, job_id FROM campaigns WHERE id = ?').get(prepared.preview.sameAs.campaignId) as { id: number; job_id: number | null } : undefined;
      // (A run killed on this computer left its lock: recover() lets it go, so the re-run resumes at once.)
      if (earlier?.job_id) runner.recover();
      const earlierJob = earlier?.job_id ? runner.get(earlier.job_id) : null;
      let campaignId: number;
      let jobId: number;
      if (earlier && earlierJob && !['done', 'cancelled', 'failed', 'needs-attention'].includes(earlierJob.state) && !values['again']) {
        campaignId = earlier.id;
        jobId = earlierJob.id;
        ctx.io.stderr.write(`Resuming campaign ${campaignId} (it did not finish).\n`);
        if (earlierJob.state === 'interrupted' || earlierJob.state === 'paused') runner.resume(jobId);
      } else {
        const started = await service.startPrepared(prepared, values['again'] === true, null);
        campaignId = started.campaign.id;
        jobId = started.job.id;
      }
      const onAbort = () => void runner.stop();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      await runner.idle(jobId);
      ctx.signal.removeEventListener('abort', onAbort);
      const detail = service.detail(campaignId);
      const job = runner.get(jobId);
      const queued = detail.chunks.done;
      const settled = job?.state === 'done';
      const report = {
        campaignId,
        jobId,
        state: job?.state ?? 'unknown',
        recipients: detail.recipients,
        suppressed: detail.suppressed,
        skipped: prepared.preview.skipped,
        chunks: detail.chunks,
        queuedRecipients: queuedRecipients(db, campaignId),
        attention: detail.attention,
      };
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        ctx.io.stdout.write(`Campaign ${campaignId}: ${report.queuedRecipients} of ${detail.recipients} recipients queued in ${queued} of ${detail.chunks.total} chunks; ${detail.suppressed} opted out left out.\n`);
        for (const a of detail.attention) {
          ctx.io.stdout.write(`Needs attention: chunk ${a.chunk + 1} (customerid ${a.customerId}): ${a.reason === 'unknown' ? 'the reply was lost and the read-back could not tell' : `${a.missing} recipients not found on the gateway`}. Nothing was resent.\n`);
        }
      }
      return settled ? 0 : 1;
    } finally {
      close();
    }
  },
};

function queuedRecipients(db: Db, campaignId: number): number {
  const row = db
    .prepare("SELECT COALESCE(SUM(count), 0) AS n FROM campaign_chunks WHERE campaign_id = ? AND state IN ('sent', 'found')")
    .get(campaignId) as { n: number };
  return row.n;
}


/** --quiet-hours 21:00-08:00: no message scheduled between these local times (the recipients' zone). */
export function parseQuietHours(text: string | undefined): QuietHours | null {
  if (text === undefined) return null;
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const valid = (h: string, m: string) => Number(h) <= 23 && Number(m) <= 59;
  if (!match || !valid(match[1]!, match[2]!) || !valid(match[3]!, match[4]!)) {
    throw new UsageError('--quiet-hours takes two times of day such as 21:00-08:00.');
  }
  const from = `${match[1]!.padStart(2, '0')}:${match[2]}`;
  const until = `${match[3]!.padStart(2, '0')}:${match[4]}`;
  if (from === until) throw new UsageError('--quiet-hours needs a start and an end that differ, such as 21:00-08:00.');
  return { from, until };
}

/** --daily-cap N: at most N messages per phone per day. */
export function parseDailyCap(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 100_000) throw new UsageError('--daily-cap takes a whole number of messages per phone per day, 1 to 100000.');
  return Number(text);
}

/** --footer en|pt|es: adds "reply STOP to opt out" in that language. */
export function parseFooter(text: string | undefined): MessageLanguage | null {
  if (text === undefined) return null;
  const language = text.trim().toLowerCase();
  if (!(MESSAGE_LANGUAGES as readonly string[]).includes(language)) throw new UsageError('--footer takes the message\'s language: en, pt or es.');
  return language as MessageLanguage;
}

export function parseDevices(text: string | undefined): number[] {
  if (!text) throw new UsageError('--device ID[,ID...] is required.');
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => !/^\d+$/.test(id))) throw new UsageError('--device takes phone ids separated by commas, e.g. --device 12,13.');
  return [...new Set(ids.map(Number))];
}

export function parseSim(text: string | undefined): SimSlot {
  if (text === undefined) return 0;
  if (!/^[0-5]$/.test(text)) throw new UsageError('--sim takes 0–5 (0, 1: SIM slots; 2: WhatsApp Business; 3: WhatsApp; 4, 5: RCS).');
  return Number(text) as SimSlot;
}

/** --at "2025-03-01 09:30" (local time) or an ISO instant. */
export function parseAt(text: string | undefined): string | null {
  if (text === undefined) return null;
  const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(text.trim()) ? new Date(text.trim().replace(' ', 'T')) : new Date(text);
  if (Number.isNaN(local.getTime())) throw new UsageError('--at takes a date and time such as "2025-03-01 09:30".');
  return local.toISOString();
}

export { CAMPAIGN_JOB_KIND };
