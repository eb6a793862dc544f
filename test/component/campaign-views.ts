import type { NewsletterView, StatusCounts } from '../../shared/ipc';

// Views main hands the campaign screens, with a patch for what a test is about.

export const counts = (patch: Partial<StatusCounts> = {}): StatusCounts => ({
  new: 0,
  queued: 0,
  taken: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  total: 0,
  ...patch,
});

/** A newsletter of 120 recipients on the Front desk phone, created and not yet waiting for start. */
export function newsletter(patch: Partial<NewsletterView> = {}): NewsletterView {
  return {
    id: 1,
    state: 'created',
    paketId: 5501,
    campaignId: null,
    optedOut: { count: 0, decision: null },
    etaSeconds: null,
    stall: null,
    failures: [],
    title: 'Promoção de maio',
    body: 'Tudo com 20% off',
    tags: [{ id: 31, title: 'Clientes VIP' }],
    deviceId: 7,
    deviceTitle: 'Front desk',
    sim: 0,
    createdAt: Date.parse('2026-05-01T10:00:00Z'),
    sendAt: null,
    recipients: 120,
    counts: counts({ total: 120 }),
    waitingForStart: false,
    final: false,
    refreshedAt: null,
    ...patch,
  };
}
