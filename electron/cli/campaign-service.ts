import { effectiveTimeZone } from '../../shared/time-zone';
import { createCampaignService, phonesFromGateway, type CampaignService } from '../main/campaigns';
import { GATEWAY_DEFAULTS } from '../main/gateway';
import type { GatewayClient } from '../main/gateway';
import type { Db } from '../main/db';
import type { JobRunner } from '../main/jobs';
import type { CliContext } from './context';

/**
 * The campaign service as every `relay` command that sends, lists or reads campaigns builds it: the gateway's
 * phones, file paths as given on the command line, Settings' country and zone (else the computer's).
 */
export function cliCampaignService(ctx: CliContext, parts: { db: Db; runner: JobRunner; client: GatewayClient }): CampaignService {
  const settings = ctx.settings();
  return createCampaignService({
    db: () => parts.db,
    jobs: () => parts.runner,
    client: () => parts.client,
    phones: () => phonesFromGateway(parts.client),
    filePath: (path) => path,
    country: () => settings.defaultCountry,
    zone: () => effectiveTimeZone(settings.timeZone),
    gatewayZone: () => GATEWAY_DEFAULTS.serverTimeZone,
  });
}
