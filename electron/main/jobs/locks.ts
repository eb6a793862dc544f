import { hostname } from 'node:os';
import type { JobRunnerRef } from '../../../shared/jobs';
import type { RunnerCore } from './core';
import { wake } from './core';
import type { JobRow } from './journal';

// Who runs a job: one process at a time holds its lock and renews it with a heartbeat; a lock not renewed
// (a process gone) expires, and a lock held by a dead process of this computer is let go at once.

/** host:pid:role:random, as written by createJobRunner; older locks have no role. */
export function parseOwner(owner: string): { host: string; pid: number | null; role: JobRunnerRef['role'] } {
  const [host = '', pid = '', role = ''] = owner.split(':');
  return {
    host,
    pid: /^\d+$/.test(pid) ? Number(pid) : null,
    role: role === 'app' || role === 'relay' ? role : 'other',
  };
}

/** Whether a process of this computer still runs (signal 0 only checks; EPERM means it exists). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A process of this computer that was killed leaves its jobs locked until the lock expires (30 s). Its lock
 * names it (host:pid:…): when that process is gone, the lock is let go at once, so a re-run resumes now.
 */
export function releaseDeadLocks(core: RunnerCore): void {
  const host = hostname();
  const held = core.db.prepare('SELECT id, lock_owner FROM jobs WHERE lock_owner IS NOT NULL AND lock_owner != ?').all(core.ownerId) as {
    id: number;
    lock_owner: string;
  }[];
  for (const { id, lock_owner: owner } of held) {
    const { host: ownerHost, pid } = parseOwner(owner);
    if (ownerHost !== host || pid === null || pid === process.pid || processAlive(pid)) continue;
    core.db.prepare('UPDATE jobs SET lock_expires_at = 0 WHERE id = ? AND lock_owner = ?').run(id, owner);
  }
}

/** Live lock held by another process? */
export function lockedElsewhere(core: RunnerCore, row: JobRow): boolean {
  return row.lock_owner !== null && row.lock_owner !== core.ownerId && (row.lock_expires_at ?? 0) > core.now();
}

/** Renews this process's locks every third of their lifetime while it runs or plans a job. */
export function ensureHeartbeat(core: RunnerCore): void {
  if (core.heartbeat !== null || core.stopping) return;
  core.heartbeat = core.clock.setTimeout(() => beat(core), Math.max(1, Math.floor(core.lockTtlMs / 3)));
}

function beat(core: RunnerCore): void {
  core.heartbeat = null;
  if (core.active.size === 0 && core.planning.size === 0) return;
  try {
    const held = core.journal.renew(core.ownerId, core.expiry());
    for (const a of core.active.values()) {
      if (!held.has(a.id) && a.request !== 'lost') {
        // Another process decided ours was dead (we slept past the lock): it owns the job now.
        core.log(`[jobs] lost the lock of job ${a.id}; stopping here`);
        a.request = 'lost';
        wake(a);
      }
    }
  } catch (err) {
    core.log(`[jobs] heartbeat failed: ${String(err)}`); // the next beat tries again, well before expiry
  }
  ensureHeartbeat(core);
}
