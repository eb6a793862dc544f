import { tagIdsByName } from '../tags';
import { AppFailure } from '../../../shared/errors';
import { translator } from '../../../shared/i18n';
import { campaignSendKind } from '../../main/campaigns';
import { createNewsletter, placeholderRefusal, createdFigures } from '../../main/newsletters';
import type { JobKind } from '../../main/jobs';
import { openAccountJobs } from '../jobs';
import { freshOptOuts } from '../opt-outs';
import { parseAt, parseSim } from './campaign';
import { UsageError, type Command } from './types';
import { cliCampaignService } from '../campaign-service';

// `relay newsletter`: the Newsletters screen's rules for scripts. A body with placeholders is refused (savepaket
// fills in nothing), naming `relay campaign --tag`; opted-out contacts in the tags need a decision, as on the
// screen: --opted-out campaign (the same text as a campaign to everyone else) or --opted-out include.

export const newsletterCommand: Command = {
  name: 'newsletter',
  summary: 'Send one text to every contact of one or more tags (a newsletter the phone runs)',
  usage:
    'relay newsletter --tag NAME[,NAME...] --title TITLE --body TEXT --device ID [--sim N] [--at TIME] [--opted-out campaign|include] [--again] [--json]',
  options: {
    tag: { type: 'string' },
    title: { type: 'string' },
    body: { type: 'string' },
    device: { type: 'string' },
    sim: { type: 'string' },
    at: { type: 'string' },
    'opted-out': { type: 'string' },
    again: { type: 'boolean' },
  },
  async run(ctx, values) {
    const tagNames = ((values['tag'] as string | undefined) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (tagNames.length === 0) throw new UsageError('--tag NAME[,NAME...] is required.');
    const title = ((values['title'] as string | undefined) ?? '').trim();
    if (!title) throw new UsageError('--title TITLE is required.');
    const body = (values['body'] as string | undefined) ?? '';
    if (!body.trim()) throw new UsageError('--body TEXT is required.');
    const device = values['device'] as string | undefined;
    if (!device || !/^\d+$/.test(device)) throw new UsageError('--device ID is required (one phone runs a newsletter).');
    const sim = parseSim(values['sim'] as string | undefined);
    const sendAt = parseAt(values['at'] as string | undefined);
    const optedOutFlag = values['opted-out'] as string | undefined;
    if (optedOutFlag !== undefined && optedOutFlag !== 'campaign' && optedOutFlag !== 'include')
      throw new UsageError('--opted-out takes campaign or include.');
    // Refused before anything is read or written.
    const placeholders = placeholderRefusal(body, { tags: tagNames });
    if (placeholders) throw placeholders;

    const client = await ctx.gateway();
    const kinds = [campaignSendKind({ client: () => client }) as unknown as JobKind<never, never>];
    const { db, runner, close } = await openAccountJobs(ctx, kinds);
    try {
      const tagIds = tagIdsByName(db, tagNames);
      // A STOP that came in a moment ago counts (refused when the replies cannot be read: see ../opt-outs.ts).
      await freshOptOuts(ctx, db, client);
      const service = cliCampaignService(ctx, { db, runner, client });
      let created;
      try {
        created = await createNewsletter(
          { db, client, service, now: Date.now() },
          {
            title,
            tagIds,
            body,
            deviceId: Number(device),
            sim,
            sendAt,
            again: values['again'] === true,
            optedOut: optedOutFlag === 'campaign' ? 'send-as-campaign' : optedOutFlag === 'include' ? 'include' : undefined,
          },
        );
      } catch (error) {
        if (error instanceof AppFailure && error.field === 'optedOut' && error.code === 'validation' && optedOutFlag === undefined) {
          throw new AppFailure(
            'validation',
            `${error.message} Say which: --opted-out campaign (sent as a campaign to everyone else) or --opted-out include.`,
            'optedOut',
            error.params,
            'refusals.newsletterOptedOutCli',
          );
        }
        throw error;
      }
      if (created.kind === 'campaign') {
        const onAbort = () => void runner.stop();
        ctx.signal.addEventListener('abort', onAbort, { once: true });
        await runner.idle(created.job.id);
        ctx.signal.removeEventListener('abort', onAbort);
        const job = runner.get(created.job.id);
        const report = {
          newsletterId: created.id,
          campaignId: created.campaign.id,
          jobId: created.job.id,
          state: job?.state ?? 'unknown',
          recipients: created.campaign.recipients,
          optedOutLeftOut: created.campaign.suppressed,
        };
        if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
        else {
          const t = translator('en');
          ctx.io.stdout.write(
            `${t('cli.sentAsCampaign', { id: report.campaignId, count: report.recipients })}${report.optedOutLeftOut > 0 ? ` ${t('cli.optedOutLeftOut', { count: report.optedOutLeftOut })}` : ''}\n`,
          );
        }
        return job?.state === 'done' ? 0 : 1;
      }
      const row = createdFigures(db, created.id);
      const report = {
        newsletterId: created.id,
        paketId: row.paket_id,
        recipients: row.recipients,
        optedOutIncluded: optedOutFlag === 'include' ? row.opted_out : 0,
      };
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(report)}\n`);
      else ctx.io.stdout.write(`${translator('en')('cli.newsletterCreated', { id: report.paketId, count: report.recipients, device })}\n`);
      return 0;
    } finally {
      close();
    }
  },
};
