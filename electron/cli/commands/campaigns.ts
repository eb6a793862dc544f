import { campaignSendKind, stopCampaign } from '../../main/campaigns';
import { translator } from '../../../shared/i18n';
import type { JobKind } from '../../main/jobs';
import { openAccountJobs } from '../jobs';
import { campaignResultsCommand } from './campaign-results';
import { UsageError, type Command } from './types';
import { cliCampaignService } from '../campaign-service';

// `relay campaigns`: the campaigns of this account (the app's and scripts'), and stopping one by id: pause, resume
// and cancel reach what is not yet handed to the gateway, as on the campaign's page; `results` says how one did.

const ACTIONS = ['list', 'pause', 'resume', 'cancel', 'results'] as const;

export const campaignsCommand: Command = {
  name: 'campaigns',
  summary: 'List campaigns, pause / resume / cancel one by its id, or see how one did',
  usage: 'relay campaigns [list] [--json] | relay campaigns (pause|resume|cancel|results) ID [--json]',
  options: {},
  positionals: { min: 0, max: 2 },
  async run(ctx, _values, positionals) {
    const t = translator('en');
    const action = (positionals[0] ?? 'list') as (typeof ACTIONS)[number];
    if (!ACTIONS.includes(action)) throw new UsageError(`Say list, pause, resume, cancel or results (not "${action}").`);
    const idText = positionals[1];
    if (action !== 'list' && (idText === undefined || !/^\d+$/.test(idText)))
      throw new UsageError(`relay campaigns ${action} needs the campaign's id (see relay campaigns list).`);
    if (action === 'list' && idText !== undefined) throw new UsageError('relay campaigns list takes no id.');
    if (action === 'results') return campaignResultsCommand(ctx, Number(idText));
    const client = await ctx.gateway();
    const kinds = [campaignSendKind({ client: () => client }) as unknown as JobKind<never, never>];
    const { db, runner, close } = await openAccountJobs(ctx, kinds);
    try {
      const service = cliCampaignService(ctx, { db, runner, client });
      if (action === 'list') {
        const list = service.list();
        if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify({ campaigns: list })}\n`);
        else if (list.length === 0) ctx.io.stdout.write('No campaigns yet.\n');
        else {
          for (const c of list) {
            const stoppable = c.stop && c.stop.stoppable > 0 ? `; ${t('cli.notHandedOver', { count: c.stop.stoppable })}` : '';
            const starts =
              c.state === 'scheduled' && c.startsAt
                ? `; starts ${new Date(c.startsAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
                : '';
            ctx.io.stdout.write(
              `${c.id}\t${c.state}\t${t('cli.listLine', { count: c.recipients, delivered: c.counts.delivered, failed: c.counts.failed })}${starts}${stoppable}\t${c.title}\n`,
            );
          }
        }
        return 0;
      }
      const view = stopCampaign({ db, jobs: runner, now: Date.now() }, Number(idText), action);
      if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify({ campaignId: Number(idText), ...view })}\n`);
      else {
        const done = action === 'pause' ? 'paused' : action === 'resume' ? 'resumed' : 'cancelled';
        ctx.io.stdout.write(
          `Campaign ${idText} ${done}: ${t('cli.notHandedOver', { count: view.stoppable })}${action === 'cancel' ? ' will not be sent' : ''}.\n`,
        );
      }
      return 0;
    } finally {
      close();
    }
  },
};
