import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brRows, campaignBench, type CampaignBench } from './campaigns-fixture';

// The daily cap is per phone and SIM per local day across campaigns: a second campaign on the same day gets
// only what the first left of the cap that day, the rest moves to the next day (and the plan says so).

let bench: CampaignBench;
beforeAll(async () => {
  bench = await campaignBench({ email: 'cap@example.com' });
});
afterAll(() => bench.close());

describe('a daily cap across campaigns', () => {
  it('gives a second campaign the same day only what is left of the cap', async () => {
    const { service, runner, devices } = bench;
    // 10:00 in São Paulo: the day has room for every message at one every 5 s; only the cap limits it.
    const request = (file: string, title: string) => ({
      source: { kind: 'file' as const, fileId: file },
      body: 'Oi {nome}',
      phones: [{ deviceId: devices[0]!, sim: 0 as const }],
      sendAt: '2031-03-12T13:00:00Z',
      quietHours: null,
      dailyCap: 50,
      footer: null,
      title,
    });
    const first = await service.start({ ...request(bench.csv('a.csv', brRows(30, 10_000_000)), 'First'), again: false });
    await runner.idle(first.job.id);
    expect(first.campaign.recipients).toBe(30);

    const second = await service.prepare(request(bench.csv('b.csv', brRows(40, 20_000_000)), 'Second'));
    const days = second.preview.plan!.days;
    expect(days).toEqual([
      { date: '2031-03-12', count: 20 },
      { date: '2031-03-13', count: 20 },
    ]);
    expect(second.preview.plan!.spillsToLaterDays).toBe(true);

    // A campaign another day is not affected.
    const later = await service.prepare({
      ...request(bench.csv('c.csv', brRows(40, 30_000_000)), 'Later'),
      sendAt: '2031-03-20T13:00:00Z',
    });
    expect(later.preview.plan!.days).toEqual([{ date: '2031-03-20', count: 40 }]);
  }, 30_000);
});
