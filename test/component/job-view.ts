import type { JobView } from '../../shared/jobs';

/** A job as jobs:list shows it: an import 40 % through, with `extra` over it (its state, kind, title…). */
export function job(id: number, extra: Partial<JobView> = {}): JobView {
  return {
    id,
    kind: 'contacts.import',
    title: `Job ${id}`,
    state: 'running',
    writes: true,
    total: 100,
    done: 40,
    failed: 0,
    unknown: 0,
    ratePerSecond: 5,
    etaSeconds: 12,
    createdAt: 0,
    updatedAt: 0,
    blockedBy: null,
    error: null,
    summary: null,
    ...extra,
  };
}
