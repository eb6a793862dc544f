import { describe, expect, it } from 'vitest';
import { createCampaignService } from '../../../electron/main/campaigns/service';

// The time a campaign or newsletter is scheduled for, as the preview shows it: the user's local time and the
// gateway's (naive times are read in its zone, UTC by default), both only where they differ.

const unused = () => {
  throw new Error('not used by schedule()');
};
const scheduleIn = (zone: string, gatewayZone: string) =>
  createCampaignService({
    db: unused,
    jobs: unused,
    client: unused,
    phones: unused,
    filePath: unused,
    country: () => 'BR',
    zone: () => zone,
    gatewayZone: () => gatewayZone,
  }).schedule;

describe('the scheduled time in both zones', () => {
  it('São Paulo and the gateway in UTC: 09:30 local is 12:30 on the gateway, shown both ways', () => {
    expect(scheduleIn('America/Sao_Paulo', 'UTC')('2025-03-10T12:30:00.000Z')).toEqual({
      iso: '2025-03-10T12:30:00Z',
      localZone: 'America/Sao_Paulo',
      local: '2025-03-10 09:30',
      gatewayZone: 'UTC',
      gateway: '2025-03-10 12:30:00',
      differs: true,
    });
  });

  it('London equals UTC in winter (one time shown) and differs in summer time', () => {
    const london = scheduleIn('Europe/London', 'UTC');
    expect(london('2025-01-15T08:00:00Z')).toMatchObject({ local: '2025-01-15 08:00', gateway: '2025-01-15 08:00:00', differs: false });
    expect(london('2025-07-15T08:00:00Z')).toMatchObject({ local: '2025-07-15 09:00', gateway: '2025-07-15 08:00:00', differs: true });
  });

  it('a gateway zone given as an offset, and a date that changes across the zones', () => {
    expect(scheduleIn('Asia/Tokyo', '+02:00')('2025-03-10T22:15:00Z')).toMatchObject({
      local: '2025-03-11 07:15',
      gateway: '2025-03-11 00:15:00',
      differs: true,
    });
  });
});
