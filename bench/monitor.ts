import type { EventName, PayloadOf } from '../shared/ipc';
import { createGatewayClient, type GatewayClient } from '../electron/main/gateway';
import { startSandbox, type Sandbox } from '../electron/sandbox';
import { createDeviceMonitor, type DeviceMonitor } from '../electron/main/devices';
import { createManualClock, systemClock, type MonitorClock } from '../electron/main/lib';

// What the device monitor costs when the app is left open all day:
//  1. heap: 24 simulated hours, 20 phones polling every 30 s (a few of them dropping out now and then),
//     monitored every 30 s against the sandbox on a manual clock; heap compared after a forced GC.
//  2. CPU: the same set-up on real clocks for a real-time window (BENCH_CPU_SECONDS, default 60),
//     measured with process.cpuUsage() (this process runs both the monitor and the sandbox).
// Budget: heap growth < 5 MB, CPU < 1 %. Run with `node --expose-gc` for a meaningful heap figure.

const PHONES = 20;
const POLL_SECONDS = 30;
const POLL_MS = POLL_SECONDS * 1000;
const HOUR = 3_600_000;
const MB = 1024 * 1024;

interface Counters {
  requests: number;
  transitions: number;
  notifications: number;
  pushes: number;
}

interface Rig<C extends MonitorClock> {
  sandbox: Sandbox;
  clock: C;
  client: GatewayClient;
  monitor: DeviceMonitor;
  phoneIds: number[];
  counters: Counters;
  close(): Promise<void>;
}

async function rig<C extends MonitorClock>(clockMode: 'manual' | 'real', makeClock: (startMs: number) => C): Promise<Rig<C>> {
  const sandbox = await startSandbox({ clock: clockMode, seed: false, startAt: new Date('2025-03-03T00:00:00Z') });
  const clock = makeClock(sandbox.now().getTime());
  const phoneIds = Array.from({ length: PHONES }, (_, i) =>
    sandbox.addDevice({ title: `Bench phone ${i + 1}`, pollIntervalSeconds: POLL_SECONDS }),
  );
  let token: string | null = null;
  const client = createGatewayClient({ baseUrl: sandbox.baseUrl, token: () => token });
  token = await client.getToken(sandbox.demo.email, sandbox.demo.password);

  const counters: Counters = { requests: 0, transitions: 0, notifications: 0, pushes: 0 };
  const counted = {
    getAllDevices: () => (counters.requests++, client.getAllDevices()),
    countSms: (query: Parameters<GatewayClient['countSms']>[0]) => (counters.requests++, client.countSms(query)),
  };
  const monitor = createDeviceMonitor({
    client: () => counted,
    emit: <E extends EventName>(event: E, _payload: PayloadOf<E>) => {
      if (event === 'devices:changed') counters.pushes++;
      if (event === 'devices:transition') counters.transitions++;
    },
    notify: () => void counters.notifications++,
    settings: () => ({ pollSeconds: POLL_SECONDS, notifyOffline: true, notifyOnline: true }),
    clock,
    log: () => {},
  });
  return {
    sandbox,
    clock,
    client,
    monitor,
    phoneIds,
    counters,
    close: async () => {
      monitor.dispose();
      await client.close();
      await sandbox.close();
    },
  };
}

function heapAfterGc(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

async function simulateDay(): Promise<Record<string, unknown>> {
  const setup = await rig('manual', createManualClock);
  const { sandbox, clock, monitor, phoneIds, counters } = setup;
  const step = async (): Promise<void> => {
    await sandbox.advance(POLL_MS);
    await clock.advance(POLL_MS);
  };
  // Every 2 h one phone drops out for 15 min: transitions, notifications and timeline spans all day.
  const outage = (tick: number): void => {
    const minute = (tick * POLL_SECONDS) / 60;
    const victim = phoneIds[Math.floor(minute / 120) % phoneIds.length]!;
    if (minute % 120 === 0) sandbox.setDeviceOnline(victim, false);
    if (minute % 120 === 15) sandbox.setDeviceOnline(victim, true);
  };

  monitor.start();
  await monitor.refresh();
  const ticksPerHour = HOUR / POLL_MS;
  let tick = 0;
  for (; tick < ticksPerHour; tick++) {
    outage(tick);
    await step();
  }
  const heapBefore = heapAfterGc();
  const started = performance.now();
  const requestsBefore = counters.requests;
  for (; tick < 25 * ticksPerHour; tick++) {
    outage(tick);
    await step();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const heapAfter = heapAfterGc();
  const snap = monitor.snapshot();
  const result = {
    simulatedHours: 24,
    phones: snap.devices.length,
    requests: counters.requests - requestsBefore,
    transitions: counters.transitions,
    notifications: counters.notifications,
    pushes: counters.pushes,
    eventsKept: snap.events.length,
    longestTimeline: Math.max(...snap.devices.map((d) => d.timeline.length)),
    pendingTimers: clock.pendingTimers(),
    heapBeforeMB: round(heapBefore / MB),
    heapAfterMB: round(heapAfter / MB),
    heapGrowthMB: round((heapAfter - heapBefore) / MB),
    simulatedDayWallSeconds: round(wallSeconds, 1),
  };
  await setup.close();
  return result;
}

async function measureCpu(): Promise<Record<string, unknown>> {
  const seconds = Number(process.env['BENCH_CPU_SECONDS'] ?? 60);
  const windowSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 60;
  const setup = await rig('real', () => systemClock);
  setup.monitor.start();
  await setup.monitor.refresh();
  const requestsBefore = setup.counters.requests;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  // A ref'd timer: the monitor's and the sandbox's timers are unref'd and would let the process exit.
  await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  const result = {
    cpuWindowSeconds: round(wallMs / 1000, 1),
    cpuRequests: setup.counters.requests - requestsBefore,
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100, 3),
  };
  await setup.close();
  return result;
}

export async function run(): Promise<Record<string, unknown>> {
  const day = await simulateDay();
  const cpu = await measureCpu();
  const heapGrowthMB = day.heapGrowthMB as number;
  const cpuPercent = cpu.cpuPercent as number;
  return {
    gcExposed: typeof globalThis.gc === 'function',
    ...day,
    ...cpu,
    budget: { heapGrowthMB: 5, cpuPercent: 1 },
    withinBudget: heapGrowthMB < 5 && cpuPercent < 1,
  };
}
