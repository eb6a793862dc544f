import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { CampaignSummary, NewsletterView } from '../../shared/ipc';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render-app';
import { sendingItems } from '../../renderer/src/pages/home/SendingCard';

// Home lists the campaigns and newsletters scheduled or going out, so "nothing running" is never said while
// a newsletter waits for its time.

const counts = (delivered: number, total: number) => ({ new: 0, queued: 0, taken: 0, sent: 0, delivered, failed: 0, total });
const campaign = (id: number, state: CampaignSummary['state'], delivered = 3): CampaignSummary => ({
  id,
  title: `Campaign ${id}`,
  createdAt: 0,
  state,
  final: state === 'done',
  jobId: id,
  recipients: 10,
  suppressed: 0,
  customerIds: { first: 1, last: 2 },
  phones: [],
  counts: counts(delivered, 10),
  etaSeconds: null,
  stall: null,
  resendOf: null,
  refreshedAt: null,
});
const newsletter = (id: number, sendAt: string | null, waitingForStart = false, final = false): NewsletterView => ({
  id,
  state: 'created',
  paketId: id,
  campaignId: null,
  optedOut: { count: 0, decision: null },
  etaSeconds: null,
  stall: null,
  failures: [],
  title: `Newsletter ${id}`,
  body: 'b',
  tags: [],
  deviceId: 7,
  deviceTitle: 'Phone',
  sim: 0,
  createdAt: 0,
  sendAt,
  recipients: 40,
  counts: counts(0, 0),
  waitingForStart,
  final,
  refreshedAt: null,
});

describe('Home: scheduled and going out', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('keeps what is scheduled or sending, the scheduled first by time, and leaves finished ones out', () => {
    const items = sendingItems(
      [campaign(1, 'sending'), campaign(2, 'done')],
      [newsletter(3, '2026-05-01T18:00:00Z'), newsletter(4, null, true), newsletter(5, null, false, true)],
      now,
    );
    expect(items.map((i) => [i.title, i.state])).toEqual([
      ['Newsletter 3', 'scheduled'],
      ['Campaign 1', 'sending'],
      ['Newsletter 4', 'waitingStart'],
    ]);
  });

  it('shows them on Home with what each is doing', async () => {
    const bridge = new FakeBridge({
      'campaigns:list': () => [campaign(1, 'watching')],
      'newsletters:list': () => [newsletter(3, new Date(Date.now() + 3_600_000).toISOString())],
    });
    await renderApp({ bridge, path: '/home' });
    const card = await screen.findByTestId('home-sending');
    await within(card).findByText('Campaign 1');
    expect(card.textContent).toMatch(/Newsletter 3 Newsletter · scheduled for .*Campaign 1 Campaign · 3 of 10 delivered/);
  });
});
