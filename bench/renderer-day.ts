import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { build } from 'vite';
import { createManualClock } from '../electron/main/lib';
import { startSandbox } from '../electron/sandbox';
import { mulberry32 } from '../electron/sandbox/seed';
import { closeBrowser, launchApp, type AppUnderTest } from '../test/e2e/harness';
import { rendererSize } from './renderer-size';

// A shop's day in the window (issue 22): the built renderer in Chromium with the real services behind
// window.api (as the e2e tests run it), against a sandbox whose clock and the app's both run a simulated
// 24 hours: 20 phones, a month of history (tens of thousands of messages) synced, live status events all
// day, a campaign in the morning, customers replying, and someone clicking through the screens. Sampled
// through the DevTools protocol:
//  - heapGrowthMb: the JS heap after a collection, end of day minus after the first hour (target < 20 MB);
//  - domNodesGrowth: DOM nodes (detached ones too) on the same screen, same two moments;
//  - longTasksOver50ms: main-thread tasks over 50 ms in the page during the day (PerformanceObserver);
//  - firstScriptKb / firstLoadKb: the built renderer's entry and everything it loads before the first screen.
// RENDERER_DAY_HOURS shortens the day for a quick look.

const HOUR = 3_600_000;
const STEP = 10 * 60_000;
const HOURS = Number(process.env.RENDERER_DAY_HOURS ?? 24);
const PHONES = 20;
const POLL_SECONDS = 120;
const HISTORY = 40_000;
const CAMPAIGN = 600;
const SCREENS = ['Home', 'Messages', 'Devices', 'Campaigns', 'Contacts', 'Newsletters', 'Send', 'Settings'] as const;
const ROOT = resolve(import.meta.dirname, '..');

interface Sample {
  heapMb: number;
  nodes: number;
  listeners: number;
}

async function sample(cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heapMb: heap.usedSize / 1024 / 1024, nodes: counters.nodes, listeners: counters.jsEventListeners };
}

async function open(app: AppUnderTest, screen: (typeof SCREENS)[number]): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: screen, exact: true }).click();
  await app.page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** A channel called from the page, as the screens call it. */
async function invoke<T>(app: AppUnderTest, channel: string, input?: unknown): Promise<T> {
  const answer = (await app.page.evaluate(([c, i]) => window.api.invoke(c as never, i as never), [channel, input] as const)) as
    { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.value;
}

export async function run(): Promise<Record<string, unknown>> {
  // The renderer as it ships: the one build config (renderer/vite.config.ts).
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'error' });
  const size = rendererSize(join(ROOT, 'out/renderer'));

  const work = await mkdtemp(join(tmpdir(), 'relay-renderer-day-'));
  const csv = join(work, 'clientes.csv');
  await writeFile(
    csv,
    ['nome,telefone', ...Array.from({ length: CAMPAIGN }, (_, i) => `Cliente ${i + 1},+5511${String(960_000_000 + i * 37)}`)].join('\n'),
  );

  const start = Date.now();
  const random = mulberry32(22);
  const sandbox = await startSandbox({ clock: 'manual', startAt: new Date(start), random, deliveryFailureRate: 0.03 });
  for (let i = sandbox.deviceIds().length; i < PHONES; i++) sandbox.addDevice({ title: `Phone ${i + 1}`, pollIntervalSeconds: 60 });
  sandbox.seedHistory({ count: HISTORY, days: 30, seed: 22 });
  const clock = createManualClock(start);
  const app = await launchApp({ platform: { startSandbox: async () => sandbox, clock, pickFile: async () => csv } });
  const { page } = app;
  const started = performance.now();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    // Long tasks from here on (the observer sees the page's main thread; the CSP does not govern evaluate).
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });

    await page.getByRole('button', { name: 'Try without an account' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    const phones = sandbox.deviceIds();
    // Phones and statuses every two minutes (the default is 30 s: each poll costs the app ~40–200 ms
    // here, and 24 hours of them at 30 s would take the bench half an hour).
    await invoke(app, 'settings:update', { devicePollSeconds: POLL_SECONDS });
    // The month of history, as the Messages screen's first sync asks for it.
    await invoke(app, 'messages:sync', { since: new Date(start - 30 * 86_400_000).toISOString().slice(0, 10) });

    let step = 0;
    const spent = { sandbox: 0, app: 0, ui: 0 };
    let baseline: Sample | null = null;
    let campaignStarted = false;
    const replies = ['Obrigado!', 'Ok, see you then', 'Can I come on Monday instead?', 'STOP'];
    for (let t = 0; t < HOURS * HOUR; t += STEP) {
      // The phones (sandbox) and the app's polls (devices, live statuses, syncs) move on together.
      let mark = performance.now();
      await sandbox.advance(STEP);
      spent.sandbox += performance.now() - mark;
      mark = performance.now();
      await clock.advance(STEP);
      spent.app += performance.now() - mark;
      mark = performance.now();
      // Customers write in through the day.
      for (let r = 0; r < 3; r++) {
        sandbox.receiveSms({
          deviceId: phones[Math.floor(random() * phones.length)]!,
          from: `+5511${960_000_000 + Math.floor(random() * CAMPAIGN) * 37}`,
          body: replies[Math.floor(random() * replies.length)]!,
        });
      }
      // Mid-morning: a campaign to the shop's customers over every phone.
      if (!campaignStarted && t >= 2 * HOUR) {
        campaignStarted = true;
        const file = await invoke<{ fileId: string }>(app, 'campaigns:pickFile');
        await invoke(app, 'campaigns:start', {
          source: { kind: 'file', fileId: file.fileId, country: 'BR' },
          body: 'Oi {nome}, seu pedido saiu para entrega.',
          phones: phones.slice(0, PHONES).map((deviceId) => ({ deviceId, sim: 0 })),
          footer: 'pt',
        });
      }
      // Someone looks at the window now and then: a screen every step, around the sidebar.
      await open(app, SCREENS[step % SCREENS.length]!);
      if (SCREENS[step % SCREENS.length] === 'Messages') await page.getByTestId('list-count').waitFor();
      spent.ui += performance.now() - mark;
      step += 1;
      // After the first hour every screen has been opened (its code loaded, caches warm): the baseline.
      if (!baseline && t + STEP >= HOUR && step >= SCREENS.length) {
        await open(app, 'Home');
        baseline = await sample(cdp);
      }
    }
    await open(app, 'Home');
    const end = await sample(cdp);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const status = await invoke<{ messages: number }>(app, 'messages:status');
    baseline ??= end;
    return {
      simulatedHours: HOURS,
      phones: phones.length,
      pollSeconds: POLL_SECONDS,
      messages: status.messages,
      screensOpened: step,
      heapStartMb: round(baseline.heapMb),
      heapEndMb: round(end.heapMb),
      heapGrowthMb: round(end.heapMb - baseline.heapMb),
      domNodesStart: baseline.nodes,
      domNodesEnd: end.nodes,
      domNodesGrowth: end.nodes - baseline.nodes,
      listenersGrowth: end.listeners - baseline.listeners,
      longTasksOver50ms: longTasks.filter((ms) => ms > 50).length,
      longestTaskMs: round(Math.max(0, ...longTasks)),
      firstScriptKb: size.firstScriptKb,
      firstLoadKb: size.firstLoadKb,
      wallS: Math.round((performance.now() - started) / 1000),
      // Where the wall time went: the phones' simulation, the app's polls, the clicks.
      sandboxS: Math.round(spent.sandbox / 1000),
      appS: Math.round(spent.app / 1000),
      uiS: Math.round(spent.ui / 1000),
      loadAvg: loadavg().map(round),
    };
  } finally {
    await app.close();
    await closeBrowser();
    await sandbox.close();
    await rm(work, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
