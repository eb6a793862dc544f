import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A test-only barrier that makes cross-process races deterministic. With RELAY_TEST_BARRIER=<dir>:<n> set,
// each process that reaches a named point (e.g. "job-start", just before the check-and-create transaction)
// writes a file under <dir>/<point>/ and waits until n processes are there, so all of them run the critical
// step at the same moment — the window in which two `relay` processes once both created the same campaign.
// Without the variable (always, outside tests) it returns at once. Bounded: it never waits over 20 s.

const WAIT_LIMIT_MS = 20_000;
const POLL_MS = 5;

function config(): { dir: string; count: number } | null {
  const value = process.env['RELAY_TEST_BARRIER'];
  if (!value) return null;
  const at = value.lastIndexOf(':');
  const count = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isInteger(count) || count < 1) return null;
  return { dir: value.slice(0, at), count };
}

/**
 * Only the first point a process reaches waits: that is where the processes race (a campaign's create, or a
 * job's start). Later points (the campaign's job, a resumed job) would wait for peers that attached instead.
 */
let passed = false;

export async function testBarrier(point: string): Promise<void> {
  const barrier = config();
  if (!barrier || passed) return;
  passed = true;
  const dir = join(barrier.dir, point);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(process.pid)), '');
  const until = Date.now() + WAIT_LIMIT_MS;
  while (existsSync(dir) && readdirSync(dir).length < barrier.count && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
