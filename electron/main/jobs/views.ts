import type { HoldReason, JobView } from '../../../shared/jobs';
import type { Active, RunnerCore } from './core';
import { FINAL, notFound, parseJson } from './core';
import type { JobRow } from './journal';
import { lockedElsewhere, parseOwner } from './locks';

// What people see of a job (JobView: counts, rate, what it waits for, who runs it) and the throttled progress
// events that carry it.

const HOLD_ORDER: readonly HoldReason[] = ['signed-out', 'gateway-unreachable'];

/** What a running job waits for: a runner-wide hold first, then its own backoff. */
export function blockedBy(core: RunnerCore, a: Active): HoldReason | null {
  if (!a.usesGateway) return null;
  return HOLD_ORDER.find((reason) => core.holds.has(reason)) ?? a.selfHold;
}

export function toView(core: RunnerCore, row: JobRow): JobView {
  const a = core.active.get(row.id);
  const finished = row.done_count + row.failed_count + row.unknown_count;
  let ratePerSecond: number | null = null;
  let etaSeconds: number | null = null;
  let blocked: HoldReason | null = null;
  if (a && a.started && a.request === 'run' && row.state === 'running') {
    a.meter.record(core.now(), finished);
    const rate = a.meter.rate();
    ratePerSecond = rate === null ? null : Math.round(rate * 100) / 100;
    etaSeconds = a.meter.etaSeconds(row.total - finished);
    blocked = blockedBy(core, a);
  }
  const lost = core.unrecorded.get(row.id);
  const elsewhere = lockedElsewhere(core, row) ? parseOwner(row.lock_owner!) : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    state: lost !== undefined && !FINAL.has(row.state) ? 'failed' : row.state,
    writes: row.writes === 1,
    total: row.total,
    done: row.done_count,
    failed: row.failed_count,
    unknown: row.unknown_count,
    ratePerSecond,
    etaSeconds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    blockedBy: blocked,
    error: lost ?? row.error,
    summary: parseJson(row.summary),
    runningElsewhere: elsewhere ? { role: elsewhere.role, pid: elsewhere.pid } : null,
  };
}

export function view(core: RunnerCore, id: number): JobView {
  const row = core.journal.job(id);
  if (!row) throw notFound();
  return toView(core, row);
}

/** Throttled per job; `force` for state changes, which are never dropped or delayed. */
export function emit(core: RunnerCore, id: number, force = false): void {
  const onChange = core.onChange;
  if (!onChange) return;
  let t = core.throttles.get(id);
  if (!t) core.throttles.set(id, (t = { last: Number.NEGATIVE_INFINITY, timer: null }));
  const at = core.now();
  const interval = core.progressIntervalMs;
  if (force || at - t.last >= interval) {
    if (t.timer !== null) core.clock.clearTimeout(t.timer);
    t.timer = null;
    t.last = at;
    const row = core.journal.job(id);
    if (row) onChange(toView(core, row));
  } else if (t.timer === null) {
    const pending = t;
    t.timer = core.clock.setTimeout(
      () => {
        pending.timer = null;
        emit(core, id, true);
      },
      interval - (at - t.last),
    );
  }
}

export function dropThrottle(core: RunnerCore, id: number): void {
  const t = core.throttles.get(id);
  if (t?.timer != null) core.clock.clearTimeout(t.timer);
  core.throttles.delete(id);
}
