import type { Db } from '../main/db';
import { translator } from '../../shared/i18n';
import type { GatewayClient } from '../main/gateway/types';
import { optOutsBeforeSending } from '../main/optouts';
import type { CliContext } from './context';

/**
 * Before a command sends: the replies up to this second feed the opt-out list (as in the app). When they
 * cannot be read the command stops with a sentence (a STOP from a moment ago might be missed).
 */
export async function freshOptOuts(ctx: CliContext, db: Db, client: GatewayClient): Promise<void> {
  const result = await optOutsBeforeSending(db, client, Date.now(), ctx.settings().defaultCountry);
  if (result.added > 0 && !ctx.options.json) ctx.io.stderr.write(`${translator('en')('cli.optOutsAdded', { count: result.added })}\n`);
}
