import { tagIdsByName } from '../tags';
import { resolve } from 'node:path';
import { translator } from '../../../shared/i18n';
import type { SimSlot } from '../../../shared/domain';
import { refusal } from '../../../shared/errors';
import { MESSAGE_LANGUAGES, type MessageLanguage } from '../../../shared/opt-out-footer';
import {
  type QuietHours,
  campaignSendKind,
  CAMPAIGN_JOB_KIND,
  unconfirmedRecipients,
  queuedRecipients,
  KEEP_LEAD_MS,
} from '../../main/campaigns';
import type { JobKind } from '../../main/jobs';
import { attach, openAccountJobs } from '../jobs';
import { freshOptOuts } from '../opt-outs';
import type { JobView } from '../../../shared/jobs';
import type { CampaignPreview } from '../../../shared/ipc';
import { UsageError, type Command } from './types';
import { cliCampaignService } from '../campaign-service';

// `relay campaign`: the same personalised bulk send as the window's, as a durable job in the account's database.
// Every chunk's customerid is journaled before its request leaves; a lost reply is read back, never resent;
// re-running the same command after a kill resumes the unfinished campaign instead of starting another.

export const campaignCommand: Command = {
  name: 'campaign',
  summary: 'Send a personalised message to a CSV file or a tag, paced across phones',
  usage:
    'relay campaign (--file CSV [--country CC] | --tag NAME[,NAME...]) --body TEMPLATE --device ID[,ID...] [--sim N] [--at TIME] [--quiet-hours HH:MM-HH:MM] [--daily-cap N] [--footer en|pt|es] [--keep-here] [--send-missing | --again] [--json]',
  options: {
    file: { type: 'string' },
    country: { type: 'string' },
    tag: { type: 'string' },
    body: { type: 'string' },
    device: { type: 'string' },
    sim: { type: 'string' },
    at: { type: 'string' },
    again: { type: 'boolean' },
    'send-missing': { type: 'boolean' },
    'keep-here': { type: 'boolean' },
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
    // RELAY_RECONCILE_GRACE_MS: how long a read-back waits for a lost chunk to show up (tests shorten it).
    const grace = Number(ctx.io.env['RELAY_RECONCILE_GRACE_MS']);
    const graceOptions = Number.isFinite(grace) && grace >= 0 ? { graceMs: grace, recheckMs: Math.max(50, Math.min(grace, 1_000)) } : {};
    const kinds = [campaignSendKind({ client: () => client, ...graceOptions }) as unknown as JobKind<never, never>];
    const { db, runner, close } = await openAccountJobs(ctx, kinds);
    try {
      const service = cliCampaignService(ctx, { db, runner, client });
      let source: Parameters<typeof service.start>[0]['source'];
      if (file !== undefined) {
        source = { kind: 'file', fileId: resolve(file), ...(country ? { country: country.toUpperCase() } : {}) };
      } else {
        // --tag A,B: every contact of both tags, each number once (what `relay newsletter` refers people to).
        const tagIds = tagIdsByName(
          db,
          tag!
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean),
        );
        source = tagIds.length === 1 ? { kind: 'tag', tagId: tagIds[0]! } : { kind: 'tags', tagIds };
      }
      // Opt-outs first: a STOP that came in a second ago is left out of this one.
      await freshOptOuts(ctx, db, client);
      const input = { source, body, phones: deviceIds.map((deviceId) => ({ deviceId, sim })), sendAt, quietHours, dailyCap, footer };
      const prepared = await service.prepare(input);
      const blanks = blankReport(prepared.preview);
      // Said before anything is sent, as the window's preview says it: the user may stop here and fill them in.
      if (blanks && !ctx.options.json) ctx.io.stderr.write(blanks.text);
      const again = values['again'] === true;
      const sendMissing = values['send-missing'] === true;
      if (again && sendMissing)
        throw new UsageError('Give --send-missing (only the recipients the gateway does not have) or --again (everyone again), not both.');
      // (A run killed on this computer left its lock: recover() lets it go, so a re-run resumes at once.)
      runner.recover();
      const earlier = prepared.preview.sameAs ? service.detail(prepared.preview.sameAs.campaignId) : null;
      const earlierJob = earlier?.job ?? null;
      const unfinished =
        earlier !== null &&
        (earlierJob === null || !['done', 'cancelled', 'failed'].includes(earlierJob.state) || earlier.attention.length > 0);
      let campaignId: number;
      let job: JobView;
      if (earlier && earlierJob && earlierJob.state === 'needs-attention' && !earlierJob.runningElsewhere) {
        // Its read-backs could not confirm some chunks: finish it by decision, never resend blindly.
        if (!sendMissing && !again) {
          const queued = queuedRecipients(db, earlier.id);
          throw refusal(
            'campaignNeedsAttention',
            `Campaign ${earlier.id} ("${earlier.title}") did not finish: ${queued} of ${earlier.recipients} recipients are confirmed queued; ${earlier.attention.length} ${earlier.attention.length === 1 ? 'chunk is' : 'chunks are'} not confirmed. Run the same command with --send-missing to send only the recipients the gateway does not have (nothing is sent twice).`,
            { campaignId: earlier.id, title: earlier.title, queued, recipients: earlier.recipients, chunks: earlier.attention.length },
          );
        }
        if (again)
          ctx.io.stderr.write(
            `Campaign ${earlier.id} did not finish: --again sends only the recipients the gateway does not have, as --send-missing does (nobody gets it twice).\n`,
          );
        campaignId = earlier.id;
        ctx.io.stderr.write(
          `Reading back campaign ${campaignId}'s unconfirmed chunks, then sending only what the gateway does not have.\n`,
        );
        job = runner.retryUnknown(earlierJob.id);
      } else if (earlier && unfinished && earlierJob) {
        // Killed or stopped half-way, or running in the app / another relay: resume it or follow it.
        campaignId = earlier.id;
        job = earlierJob;
        if (!job.runningElsewhere) {
          ctx.io.stderr.write(`Resuming campaign ${campaignId} (it did not finish).\n`);
          if (job.state === 'interrupted' || job.state === 'paused') job = runner.resume(job.id);
        }
      } else if (
        values['keep-here'] === true &&
        !sendMissing &&
        prepared.ready &&
        prepared.ready.plan.firstAt !== null &&
        prepared.ready.plan.firstAt - KEEP_LEAD_MS > Date.now()
      ) {
        // Kept in this account's database until shortly before its time: the app hands it over then (it must be
        // running), and until then `relay campaigns pause|cancel ID` stops it.
        const keepUntil = prepared.ready.plan.firstAt - KEEP_LEAD_MS;
        const kept = await service.startPrepared(prepared, again, null, { keepUntil });
        const report = {
          campaignId: kept.campaign.id,
          state: kept.campaign.state,
          handOverAt: new Date(kept.campaign.stop?.handOverAt ?? keepUntil).toISOString(),
          recipients: kept.campaign.recipients,
          suppressed: kept.campaign.suppressed,
        };
        if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
        else
          ctx.io.stdout.write(
            `Campaign ${report.campaignId} kept here: Relay Desk hands it to the gateway at ${report.handOverAt} (the app must be running then). Stop it before with relay campaigns pause|cancel ${report.campaignId}.\n`,
          );
        return 0;
      } else {
        if (values['keep-here'] === true && sendAt === null)
          throw new UsageError('--keep-here needs --at TIME: only a scheduled campaign can be kept here until its time.');
        if (sendMissing) {
          if (!earlier)
            throw refusal(
              'nothingToFinish',
              'There is no earlier run of this campaign to finish: run it without --send-missing to send it.',
            );
          ctx.io.stderr.write(`Campaign ${earlier.id} already finished: no recipient is missing.\n`);
        }
        const started =
          sendMissing && earlier
            ? { campaign: { id: earlier.id }, job: earlierJob!, attached: true }
            : await service.startPrepared(prepared, again, null);
        campaignId = started.campaign.id;
        job = started.job;
      }
      const claim = async () => {
        runner.recover();
        const view = runner.get(job.id)!;
        return view.state === 'interrupted' || view.state === 'paused' ? runner.resume(view.id) : view;
      };
      job = await attach(ctx, runner, job, () => {}, claim);
      const jobId = job.id;
      const onAbort = () => void runner.stop();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      await runner.idle(jobId);
      ctx.signal.removeEventListener('abort', onAbort);
      const detail = service.detail(campaignId);
      const final = runner.get(jobId);
      const queued = detail.chunks.done;
      const settled = final?.state === 'done';
      // Chunks whose request left but whose answer is not recorded (a lost reply, or a full disk mid-send).
      const open = (['intent', 'unknown'] as const).flatMap((state) =>
        runner.steps(jobId, { state, limit: 100_000 }).map((step) => (step.payload as { chunk: number }).chunk),
      );
      const unconfirmed = unconfirmedRecipients(db, campaignId, open);
      const report = {
        campaignId,
        jobId,
        state: final?.state ?? 'unknown',
        error: final?.error ?? null,
        unconfirmedRecipients: unconfirmed,
        recipients: detail.recipients,
        suppressed: detail.suppressed,
        skipped: prepared.preview.skipped,
        chunks: detail.chunks,
        queuedRecipients: queuedRecipients(db, campaignId),
        attention: detail.attention,
        ...(blanks ? { blanks: blanks.json } : {}),
      };
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const t = translator('en');
        const queuedLine = t('cli.campaignQueued', {
          id: campaignId,
          queued: report.queuedRecipients,
          count: detail.recipients,
          chunks: queued,
          total: detail.chunks.total,
        });
        ctx.io.stdout.write(`${queuedLine}${detail.suppressed > 0 ? ` ${t('cli.optedOutLeftOut', { count: detail.suppressed })}` : ''}\n`);
        if (unconfirmed > 0) ctx.io.stdout.write(`${t('cli.unconfirmed', { count: unconfirmed })}\n`);
        if (final && final.state === 'failed' && final.error) ctx.io.stderr.write(`relay campaign: ${final.error}\n`);
        for (const a of detail.attention) {
          ctx.io.stdout.write(
            `Needs attention: chunk ${a.chunk + 1} (customerid ${a.customerId}): ${a.reason === 'unknown' ? 'the reply was lost and the read-back could not tell' : translator('en')('cli.notFound', { count: a.missing })}. Nothing was resent.\n`,
          );
        }
      }
      return settled ? 0 : 1;
    } finally {
      close();
    }
  },
};

/** Recipients whose message leaves a placeholder empty ({cidade} for a contact with no city): counted and named. */
function blankReport(preview: CampaignPreview): {
  text: string;
  json: { rows: number; byPlaceholder: Record<string, number>; first: { phone: string; name: string; blanks: string[] }[] };
} | null {
  if (preview.rowsWithBlanks === 0) return null;
  const by = preview.blanksByPlaceholder ?? {};
  const which = Object.entries(by)
    .map(([placeholder, n]) => `{${placeholder}} empty for ${n}`)
    .join(', ');
  const first = preview.blankRows ?? [];
  const named = first.map((r) => `  ${r.phone}${r.name ? ` (${r.name})` : ''}: ${r.blanks.map((b) => `{${b}}`).join(', ')}`);
  const more = preview.rowsWithBlanks > first.length ? [`  … and ${preview.rowsWithBlanks - first.length} more`] : [];
  const text = [
    `${preview.rowsWithBlanks} ${preview.rowsWithBlanks === 1 ? 'recipient has' : 'recipients have'} an empty value in this message (${which}): it goes with that part blank.`,
    ...named,
    ...more,
  ].join('\n');
  return { text: `${text}\n`, json: { rows: preview.rowsWithBlanks, byPlaceholder: by, first } };
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
  if (!/^\d{1,6}$/.test(text.trim()) || Number(text) < 1 || Number(text) > 100_000)
    throw new UsageError('--daily-cap takes a whole number of messages per phone per day, 1 to 100000.');
  return Number(text);
}

/** --footer en|pt|es: adds "reply STOP to opt out" in that language. */
export function parseFooter(text: string | undefined): MessageLanguage | null {
  if (text === undefined) return null;
  const language = text.trim().toLowerCase();
  if (!(MESSAGE_LANGUAGES as readonly string[]).includes(language))
    throw new UsageError("--footer takes the message's language: en, pt or es.");
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
