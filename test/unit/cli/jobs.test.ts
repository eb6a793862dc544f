import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../electron/cli/context';
import { runJobInCli } from '../../../electron/cli/jobs';
import { captureIo } from '../../fixtures/cli';
import { createFakeKind, keys } from '../../fixtures/jobs/fake-kind';

// A script never waits for ever: a job that stops making progress, or whose credentials are refused, stops
// gracefully and says what to do; re-running the same command resumes it without resending what was done.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function context(env: NodeJS.ProcessEnv = {}, dataDir = mkdtempSync(join(tmpdir(), 'relay-cli-jobs-'))) {
  dirs.push(dataDir);
  const io = captureIo({ RELAY_EMAIL: 'ana@example.com', RELAY_PASSWORD: 'x', RELAY_STALL_SECONDS: '0.3', ...env });
  const controller = new AbortController();
  return {
    ctx: createCliContext(io, { server: 'https://gw.example/getdata/', dataDir, json: false }, controller.signal),
    controller,
    io,
    dataDir,
  };
}

describe('runJobInCli', () => {
  it('runs a job to the end with each step sent once', async () => {
    const fake = createFakeKind({ auto: () => 'ok' });
    const { ctx } = context();
    const request = { kinds: [fake.kind as never], kind: fake.kind.kind, input: { keys: keys(5) }, title: 'five', dedupeKey: 'same' };
    const first = await runJobInCli(ctx, request);
    first.close();
    expect(first.job).toMatchObject({ state: 'done', done: 5 });
    expect(first.stalled).toBeNull();
    expect(fake.calls).toHaveLength(5);
  });

  it('stops gracefully when no step settles for the stall limit (gateway unreachable), and says so', async () => {
    const fake = createFakeKind({ auto: () => ({ fail: 'network' }) });
    const { ctx } = context();
    const result = await runJobInCli(ctx, {
      kinds: [fake.kind as never],
      kind: fake.kind.kind,
      input: { keys: keys(3) },
      title: 't',
      dedupeKey: 'k',
    });
    result.close();
    expect(result.stopped).toBe(true);
    expect(result.stalled).toMatch(/no progress .* Run the same command again to resume/);
    expect(result.job.state).toBe('interrupted');
    expect(result.job.unknown).toBe(0);
  });

  it('stops at once when the gateway refuses the credentials, instead of waiting for a sign-in', async () => {
    const fake = createFakeKind({ auto: () => ({ fail: 'invalid-token' }) });
    const { ctx } = context({ RELAY_STALL_SECONDS: '60' });
    const started = Date.now();
    const result = await runJobInCli(ctx, {
      kinds: [fake.kind as never],
      kind: fake.kind.kind,
      input: { keys: keys(3) },
      title: 't',
      dedupeKey: 'k',
    });
    result.close();
    expect(result.stalled).toMatch(/no longer accepts these credentials/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a signal stops it gracefully: what was in flight is journaled, the rest resumes on the next run', async () => {
    const fake = createFakeKind({});
    const { ctx, controller, dataDir } = context({ RELAY_STALL_SECONDS: '60' });
    const request = { kinds: [fake.kind as never], kind: fake.kind.kind, input: { keys: keys(20) }, title: 't', dedupeKey: 'same' };
    const running = runJobInCli(ctx, request);
    while (fake.open.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    fake.answerAll();
    const stopped = await running;
    stopped.close();
    expect(stopped.stopped).toBe(true);
    expect(stopped.job.state).toBe('interrupted');
    expect(stopped.job.unknown).toBe(0);
    const sentBefore = new Map(fake.sent);

    // The same command again, in a new process: same data folder, same work.
    const resumed = runJobInCli(context({ RELAY_STALL_SECONDS: '60' }, dataDir).ctx, request);
    const poll = setInterval(() => fake.answerAll(), 5);
    const final = await resumed;
    clearInterval(poll);
    final.close();
    expect(final.job).toMatchObject({ id: stopped.job.id, state: 'done', done: 20 });
    for (const [key, count] of sentBefore) expect(fake.sent.get(key)).toBe(count);
  });
});
