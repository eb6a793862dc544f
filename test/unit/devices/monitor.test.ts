import { describe, expect, it } from 'vitest';
import { MAX_EVENTS, POLL_DEADLINE_MS } from '../../../electron/main/devices/monitor';
import { createHarness, gatewayError, settle, START } from './fakes';

const POLL = 30_000;
const MIN = 60_000;

describe('device monitor: what the user sees', () => {
  it('lists every phone with its state and its queue on start', async () => {
    const h = createHarness();
    h.gateway.add(1, { title: 'Office' });
    h.gateway.alive.add(1);
    h.gateway.add(2, { title: 'Drawer' });
    h.gateway.seen(2, START - 3 * 60 * MIN);
    h.gateway.setCount(1, 1, 4);
    h.gateway.setCount(1, 2, 1);

    h.monitor.start();
    const snap = await h.monitor.refresh();

    expect(snap.running).toBe(true);
    expect(snap.pollSeconds).toBe(30);
    expect(snap.lastPollAt).toBe(new Date(START).toISOString());
    expect(snap.devices.map((d) => [d.device.title, d.online, d.queue])).toEqual([
      ['Office', true, { waiting: 4, taken: 1 }],
      ['Drawer', false, { waiting: 0, taken: 0 }],
    ]);
    expect(snap.devices[1]!.timeline).toEqual([{ from: new Date(START).toISOString(), until: null, online: false }]);
    // The phone already offline at startup is its state, not news.
    expect(h.transitions).toEqual([]);
    expect(h.notifications).toEqual([]);
    expect(snap.events).toEqual([]);
    expect(h.gateway.deviceCalls).toBe(1);
  });

  it('reports a phone that stops polling offline within one monitor poll of crossing the threshold, and back online', async () => {
    const h = createHarness();
    h.gateway.add(1, { title: 'Office' });
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    await h.advance(2 * POLL, POLL);

    const stoppedAt = h.clock.now();
    h.gateway.alive.delete(1); // last seen stays at stoppedAt
    const crossing = stoppedAt + 2 * 30_000 + 30_000;

    let offlineSeenAt: number | null = null;
    while (offlineSeenAt === null && h.clock.now() < crossing + 10 * POLL) {
      await h.advance(POLL);
      if (!h.view(1).online) offlineSeenAt = h.clock.now();
    }
    expect(offlineSeenAt).not.toBeNull();
    expect(offlineSeenAt!).toBeGreaterThan(crossing);
    expect(offlineSeenAt! - crossing).toBeLessThanOrEqual(POLL);

    // Staying offline is one transition, one notification, however many polls follow.
    await h.advance(20 * MIN, POLL);
    expect(h.transitions).toEqual([{ at: new Date(offlineSeenAt!).toISOString(), deviceId: 1, title: 'Office', online: false }]);
    expect(h.notifications).toHaveLength(1);
    expect(h.notifications[0]!.title).toBe('Office is offline');

    h.gateway.alive.add(1);
    h.gateway.setCount(1, 1, 3);
    await h.advance(POLL);
    await h.advance(10 * MIN, POLL);
    expect(h.view(1).online).toBe(true);
    expect(h.transitions.map((t) => t.online)).toEqual([false, true]);
    expect(h.notifications.map((n) => n.title)).toEqual(['Office is offline', 'Office is back online']);
    expect(h.notifications[1]!.body).toContain('3 waiting');

    const snap = h.monitor.snapshot();
    expect(snap.events.map((e) => e.online)).toEqual([true, false]); // newest first
    expect(h.view(1).timeline.map((s) => s.online)).toEqual([true, false, true]);
  });

  it('respects the notification settings as they are at the time of each transition', async () => {
    const h = createHarness({ notifyOffline: false, notifyOnline: true });
    h.gateway.add(1);
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();

    h.gateway.alive.delete(1);
    await h.advance(5 * MIN, POLL);
    expect(h.view(1).online).toBe(false);
    // The in-app banner still gets the transition; only the desktop notification is off.
    expect(h.transitions).toHaveLength(1);
    expect(h.notifications).toEqual([]);

    h.settings.notifyOnline = false; // the user turns it off while the phone is away
    h.gateway.alive.add(1);
    await h.advance(POLL);
    expect(h.view(1).online).toBe(true);
    expect(h.notifications).toEqual([]);

    h.settings.notifyOffline = true;
    h.gateway.alive.delete(1);
    await h.advance(5 * MIN, POLL);
    expect(h.notifications.map((n) => n.title)).toEqual(['Phone 1 is offline']);
  });

  it('words notifications in the chosen language', async () => {
    const h = createHarness({ language: 'pt-BR' });
    h.gateway.add(1, { title: 'Office' });
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    h.gateway.alive.delete(1);
    await h.advance(5 * MIN, POLL);
    expect(h.notifications.map((n) => n.title)).toEqual(['Office está offline']);
    expect(h.notifications[0]!.body).toMatch(/^Visto há \d+ min\. As mensagens esperam/);
  });

  it('does not treat a phone added later as a transition, and drops a phone removed from the account', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();

    h.gateway.add(2); // never seen: offline
    await h.advance(POLL);
    expect(h.view(2).online).toBe(false);
    h.gateway.devices = h.gateway.devices.filter((d) => d.id !== 1);
    await h.advance(POLL);

    expect(h.monitor.snapshot().devices.map((d) => d.device.id)).toEqual([2]);
    expect(h.transitions).toEqual([]);
    expect(h.notifications).toEqual([]);
  });

  it('keeps the session event log bounded, newest first', async () => {
    const h = createHarness({ notifyOffline: false, notifyOnline: false });
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    for (let i = 0; i < MAX_EVENTS + 10; i++) {
      if (i % 2 === 0) h.gateway.alive.add(1);
      else h.gateway.alive.delete(1);
      await h.advance(4 * MIN, POLL);
    }
    const { events } = h.monitor.snapshot();
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events[0]).toEqual(h.transitions.at(-1));
    expect(Date.parse(events[0]!.at)).toBeGreaterThan(Date.parse(events[1]!.at));
  });
});

describe('device monitor: gateway failures', () => {
  it('backs off 30 s, 60 s, 120 s, 240 s, then every 5 min, and returns to 30 s after a success', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    expect(h.delays).toEqual([POLL]);

    h.gateway.failWith = gatewayError('network');
    h.delays.length = 0;
    await h.advance(POLL + 30_000 + 60_000 + 120_000 + 240_000 + 300_000 + 300_000);
    expect(h.delays).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000, 300_000]);

    h.gateway.failWith = null;
    h.delays.length = 0;
    await h.advance(300_000); // the pending retry succeeds
    await h.advance(2 * POLL);
    expect(h.delays).toEqual([POLL, POLL, POLL]);
  });

  it('a poll whose request never settles ends at its own deadline, and the next poll is still scheduled', async () => {
    const h = createHarness({}, { pollDeadlineMs: 50 });
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    h.gateway.hold = new Promise<void>(() => {}); // the gateway accepts the request and never answers
    const callsBefore = h.gateway.deviceCalls;
    await h.advance(POLL); // the next poll starts, hangs, and ends at its (real-time) deadline
    expect(POLL_DEADLINE_MS).toBeLessThanOrEqual(POLL); // by default a poll never outlasts the interval
    const snap = h.monitor.snapshot();
    expect(snap.lastError?.code).toBe('timeout');
    expect(snap.unreachableSince).not.toBeNull();
    h.gateway.hold = null; // the gateway answers again: the monitor polls on by itself
    await h.advance(5 * 60_000);
    expect(h.gateway.deviceCalls).toBeGreaterThan(callsBefore + 1);
    expect(h.monitor.snapshot().lastError).toBeNull();
  });

  it('never reads an unreachable gateway as phones going offline', async () => {
    const h = createHarness();
    h.gateway.add(1, { title: 'Office' });
    h.gateway.alive.add(1);
    h.gateway.setCount(1, 1, 2);
    h.monitor.start();
    await h.monitor.refresh();
    const okAt = h.clock.now();

    h.gateway.failWith = gatewayError('timeout');
    await h.advance(POLL);
    const failedAt = h.clock.now();
    await h.advance(60 * MIN, POLL);

    const snap = h.monitor.snapshot();
    expect(snap.unreachableSince).toBe(new Date(failedAt).toISOString());
    expect(snap.lastError?.code).toBe('timeout');
    expect(snap.lastPollAt).toBe(new Date(okAt).toISOString());
    expect(snap.devices.map((d) => [d.online, d.queue])).toEqual([[true, { waiting: 2, taken: 0 }]]);
    expect(h.transitions).toEqual([]);
    expect(h.notifications).toEqual([]);
    expect(h.pushes.at(-1)?.unreachableSince).toBe(new Date(failedAt).toISOString());

    h.gateway.failWith = null;
    await h.advance(5 * MIN);
    const after = h.monitor.snapshot();
    expect(after.unreachableSince).toBeNull();
    expect(after.lastError).toBeNull();
    expect(after.devices[0]!.online).toBe(true);
    expect(h.transitions).toEqual([]);
  });

  it('does not leak the thrown message into the snapshot', async () => {
    const h = createHarness();
    h.gateway.failWith = Object.assign(new Error('GET /getdata/getalldevices?token=deadbeef failed'), { kind: 'network' });
    h.monitor.start();
    const snap = await h.monitor.refresh();
    expect(snap.lastError?.code).toBe('network');
    expect(JSON.stringify(snap)).not.toContain('deadbeef');
  });

  it('keeps the last queue counts when only a count fails', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.gateway.alive.add(1);
    h.gateway.setCount(1, 1, 7);
    h.monitor.start();
    await h.monitor.refresh();
    h.gateway.failCountsWith = gatewayError('timeout');
    await h.advance(POLL);
    expect(h.view(1).queue).toEqual({ waiting: 7, taken: 0 });
    expect(h.monitor.snapshot().unreachableSince).toBeNull();
  });

  it('stops polling when the gateway rejects the token, and tells the session once', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    h.gateway.failWith = gatewayError('invalid-token');
    await h.advance(POLL);

    expect(h.invalidTokenCalls).toBe(1);
    expect(h.clock.pendingTimers()).toBe(0);
    const calls = h.gateway.deviceCalls;
    await h.advance(60 * MIN);
    expect(h.gateway.deviceCalls).toBe(calls);
    const snap = h.monitor.snapshot();
    expect(snap.running).toBe(false);
    expect(snap.lastError?.code).toBe('invalid-token');
    expect(h.pushes.at(-1)?.lastError?.code).toBe('invalid-token');
  });
});

describe('device monitor: cost of staying open', () => {
  it('pushes devices:changed only when something visible changed, not because a poll happened', async () => {
    const h = createHarness();
    // A phone that polls hourly and was seen just now: nothing visible moves for the next polls.
    h.gateway.add(1, { pollIntervalSeconds: 3600 });
    h.gateway.seen(1, START - 5_000);
    h.gateway.setCount(1, 1, 1);
    h.monitor.start();
    await h.monitor.refresh();
    expect(h.pushes).toHaveLength(1);

    await h.advance(10 * POLL, POLL);
    expect(h.gateway.deviceCalls).toBe(11);
    expect(h.pushes).toHaveLength(1);
    expect(h.monitor.snapshot().lastPollAt).toBe(new Date(h.clock.now()).toISOString());

    h.gateway.setCount(1, 1, 2);
    await h.advance(POLL);
    expect(h.pushes).toHaveLength(2);
    expect(h.pushes[1]!.devices[0]!.queue).toEqual({ waiting: 2, taken: 0 });
  });

  it('keeps only the last 24 h of each timeline', async () => {
    const h = createHarness({ notifyOffline: false, notifyOnline: false });
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    // Alternate 1 h online / 1 h offline for 30 h.
    for (let hour = 0; hour < 30; hour++) {
      if (hour % 2 === 0) h.gateway.alive.add(1);
      else h.gateway.alive.delete(1);
      await h.advance(60 * MIN, 5 * MIN);
    }
    const now = h.clock.now();
    const timeline = h.view(1).timeline;
    expect(timeline.length).toBeLessThanOrEqual(26);
    for (const span of timeline) {
      if (span.until !== null) expect(Date.parse(span.until)).toBeGreaterThan(now - 24 * 60 * MIN);
    }
    expect(timeline.at(-1)!.until).toBeNull();
    // Neighbours always differ: spans are merged.
    timeline.slice(1).forEach((span, i) => expect(span.online).not.toBe(timeline[i]!.online));
  });

  it('keeps exactly one timer however polls and refreshes interleave', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    for (let i = 0; i < 5; i++) {
      await h.monitor.refresh();
      await h.advance(POLL / 2);
      expect(h.clock.pendingTimers()).toBe(1);
    }
  });

  it('joins a refresh to the poll in flight instead of asking twice', async () => {
    const h = createHarness();
    h.gateway.add(1);
    let release!: () => void;
    h.gateway.hold = new Promise<void>((resolve) => (release = resolve));
    h.monitor.start();
    const first = h.monitor.refresh();
    const second = h.monitor.refresh();
    await settle();
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(h.gateway.deviceCalls).toBe(1);
    expect(a.devices).toHaveLength(1);
    expect(b.devices).toHaveLength(1);
  });

  it('stop() clears the timer and the state, and drops a poll that was in flight', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    expect(h.clock.pendingTimers()).toBe(1);

    let release!: () => void;
    h.gateway.hold = new Promise<void>((resolve) => (release = resolve));
    const pending = h.clock.advance(POLL); // a poll starts and waits on the gateway
    await settle();
    h.monitor.stop();
    release();
    await pending;

    expect(h.clock.pendingTimers()).toBe(0);
    const snap = h.monitor.snapshot();
    expect(snap).toMatchObject({ running: false, devices: [], events: [], lastPollAt: null });
    expect(h.pushes.at(-1)).toMatchObject({ running: false, devices: [] });
    const calls = h.gateway.deviceCalls;
    await h.advance(10 * MIN);
    expect(h.gateway.deviceCalls).toBe(calls);
    // refresh while stopped does not reach the gateway.
    await h.monitor.refresh();
    expect(h.gateway.deviceCalls).toBe(calls);
  });

  it('reads the poll interval from the settings at each poll', async () => {
    const h = createHarness();
    h.gateway.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    h.settings.pollSeconds = 120;
    await h.advance(POLL);
    expect(h.delays.at(-1)).toBe(120_000);
    expect(h.monitor.snapshot().pollSeconds).toBe(120);
  });
});

describe("device monitor: the gateway's clock", () => {
  it('a computer 10 minutes fast shows phones that keep polling as online, and says how long ago on the gateway clock', async () => {
    const h = createHarness();
    h.gateway.clockSkewMs = -10 * MIN;
    h.gateway.add(1, { title: 'Office' });
    h.gateway.add(2, { title: 'Shop' });
    h.gateway.alive.add(1);
    h.gateway.alive.add(2);
    h.monitor.start();
    await h.monitor.refresh();
    await h.advance(5 * MIN, POLL);
    expect([h.view(1).online, h.view(2).online]).toEqual([true, true]);
    expect(h.transitions).toEqual([]);

    // Shop stops; it is reported offline on the gateway's clock, with the right "ago" in the notice.
    h.gateway.alive.delete(2);
    await h.advance(3 * MIN, POLL);
    expect(h.view(2).online).toBe(false);
    expect(h.view(1).online).toBe(true);
    expect(h.notifications).toHaveLength(1);
    expect(h.notifications[0]!.body).toMatch(/^Last seen [12] min ago/);
  });

  it('without an offset estimate the fast clock would show every phone offline (what the estimate fixes)', async () => {
    const h = createHarness();
    h.gateway.clockSkewMs = -10 * MIN;
    h.gateway.reportsOffset = false;
    h.gateway.add(1);
    h.gateway.alive.add(1);
    h.monitor.start();
    await h.monitor.refresh();
    expect(h.view(1).online).toBe(false);
  });
});
