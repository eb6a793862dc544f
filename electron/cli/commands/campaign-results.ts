import { translator } from '../../../shared/i18n';
import type { SendResults } from '../../../shared/ipc';
import { measuredText, resultsHeadline, shareText } from '../../../shared/results-words';
import { createStatusMirror, sendResults, campaignSendKind, campaignRow } from '../../main/campaigns';
import type { JobKind } from '../../main/jobs';
import { historySyncJobKind, HISTORY_SYNC_KIND } from '../../main/messages';
import type { CliContext } from '../context';
import { openAccountJobs, runJobInCli } from '../jobs';
import { cliCampaignService } from '../campaign-service';

// `relay campaigns results ID [--json]`: the figures of the campaign's results page. The history is read from
// the gateway first, from the campaign's creation (at most RESULTS_SYNC_DAYS back) — the same sync job as the
// app's — so statuses, replies and opt-outs are current; the campaign's statuses are then brought up to date
// from that history. When the gateway cannot be read, the figures as last recorded are printed, with a warning.

const DAY_MS = 86_400_000;
const RESULTS_SYNC_DAYS = 31;

export async function campaignResultsCommand(ctx: CliContext, id: number): Promise<number> {
  const t = translator('en');
  const client = await ctx.gateway();
  const kinds = [
    campaignSendKind({ client: () => client }) as unknown as JobKind<never, never>,
    historySyncJobKind({ client: () => client }) as unknown as JobKind<never, never>,
  ];

  const first = await openAccountJobs(ctx, kinds);
  const row = campaignRow(first.db, id);
  first.close();
  if (!row) {
    ctx.io.stderr.write(`relay campaigns results: there is no campaign ${id} (see relay campaigns list).\n`);
    return 1;
  }

  const now = Date.now();
  const sync = await runJobInCli(ctx, {
    kinds,
    kind: HISTORY_SYNC_KIND,
    input: { fromMs: Math.max(row.created_at - 60_000, now - RESULTS_SYNC_DAYS * DAY_MS), toMs: now + 1_000 },
    title: `Sync the message history since campaign ${id} was sent (results)`,
    dedupeKey: `results:${id}:${Math.floor(now / 60_000)}`,
    label: 'Reading the history',
  });
  const synced = !sync.stopped && !sync.stalled && sync.job.state === 'done';
  sync.close();
  if (!synced)
    ctx.io.stderr.write('relay campaigns results: the history could not be read from the gateway; these figures are as last recorded.\n');

  const { db, runner, close } = await openAccountJobs(ctx, kinds);
  try {
    if (synced) {
      const service = cliCampaignService(ctx, { db, runner, client });
      // The history was just read over the campaign's whole time: it answers for the campaign's statuses.
      const mirror = { ...createStatusMirror({ syncSoon() {} }), covers: () => true };
      await service.refresh(id, { mirror, maxReads: 0 });
    }
    const results = sendResults(db, { kind: 'campaign', id }, Date.now());
    const headline = resultsHeadline(results, t, 'en');
    if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify({ results, headline, synced })}\n`);
    else ctx.io.stdout.write(resultsText(results, headline));
    return 0;
  } finally {
    close();
  }
}

/** The page as plain lines, in English (the CLI's language). */
function resultsText(r: SendResults, headline: string): string {
  const t = translator('en');
  const lines = [`Results of campaign ${r.id} "${r.title}" (${r.phase === 'finished' ? 'finished' : 'still sending'})`, headline, ''];
  lines.push(
    `${t('results.figures.delivered')}: ${r.delivered} ${t('results.figures.ofRecipients', { count: r.recipients })}${r.deliveredShare === null ? '' : ` (${shareText(r.deliveredShare, 'en')})`}`,
  );
  lines.push(`${t('results.figures.failed')}: ${r.failed}`);
  for (const f of r.failures) lines.push(`  ${t(f.titleKey as 'failures.8.title')}: ${f.count}`);
  const pending = [
    r.pending.waiting > 0 ? t('results.figures.waiting', { count: r.pending.waiting }) : '',
    r.pending.sentNoReport > 0 ? t('results.figures.sentNoReport', { count: r.pending.sentNoReport }) : '',
    r.pending.notListed > 0 ? t('results.figures.notListed', { count: r.pending.notListed }) : '',
  ].filter(Boolean);
  lines.push(`${t('results.figures.pending')}: ${r.pending.total}${pending.length > 0 ? ` (${pending.join(', ')})` : ''}`);
  lines.push(`${t('results.figures.replies')}: ${r.replies.messages} ${t('results.figures.customers', { count: r.replies.customers })}`);
  lines.push(`${t('results.figures.optOuts')}: ${r.optOuts.count} (${t('results.figures.optOutsNote')})`);
  for (const o of r.optOuts.latest) lines.push(`  ${o.name ? `${o.name} ` : ''}${o.phone}: "${o.body}"`);
  lines.push(
    `${t('results.figures.segments')}: ${r.segments.sent}${r.segments.planned === null ? '' : ` ${t('results.figures.segmentsPlanned', { count: r.segments.planned })}`}`,
  );
  lines.push(...measuredText(r, t));
  return `${lines.join('\n')}\n`;
}
