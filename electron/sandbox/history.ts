import { mulberry32 } from './seed';
import type { Simulation } from './simulation';
import { STOP_WORDS } from './simulation';
import { toSecond } from './formats';
import type { DeviceRecord, MessageRecord, PaketRecord, SandboxState } from './state';

// Months of message history written straight into the state, for the history sync and its benchmark:
// 100,000 messages take a fraction of a second (no HTTP, no simulation steps). Deterministic for a seed.
// Messages are spread evenly over the span with some jitter, ids growing with time like the service's.
// Older ones are final (delivered, failed in every way, incoming); the last hour still has some waiting
// and sent ones, which the simulated phones then move on like any other.

export interface HistoryOptions {
  /** How many messages (e.g. 100_000). */
  count: number;
  /** Account (default the demo account). Its phones are used; one is added if it has none. */
  email?: string;
  /** The newest message's time; default now. */
  end?: Date;
  /** How far back it reaches, in days; default 180. */
  days?: number | undefined;
  /** PRNG seed; the same seed gives the same history. */
  seed?: number | undefined;
}

export interface HistorySummary {
  count: number;
  from: Date;
  to: Date;
  /** How many of each status were written. */
  statuses: Record<number, number>;
  /** The newsletters the history refers to (paketid). */
  newsletterIds: number[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const BODIES = [
  'Your order #{n} is ready for pickup.',
  'Reminder: your appointment is tomorrow at {h}:00.',
  'Olá! Seu pedido {n} saiu para entrega.',
  'Your Relay Desk code is {n}',
  'Delivery window for shipment {n}: tomorrow 9-12.',
  'Grüße aus dem Laden – Ihre Bestellung {n} ist da ☕',
];
const REPLIES = ['Thanks!', 'Ok, see you then', 'Can I come on Monday instead?', 'Obrigado!', ...STOP_WORDS];

/** Final statuses by weight (the remaining share of the last hour goes to 1, 3, 2, 6). */
const FINAL: [status: number, weight: number][] = [
  [7, 70],
  [8, 5],
  [9, 2],
  [10, 1.5],
  [11, 0.5],
  [12, 1],
  [100, 1],
  [101, 0.5],
  [6, 2.5],
  [5, 6],
];
const TOTAL_WEIGHT = FINAL.reduce((sum, [, w]) => sum + w, 0);

export function writeHistory(
  state: SandboxState,
  sim: Simulation,
  account: string,
  now: number,
  addDevice: () => DeviceRecord,
  options: HistoryOptions,
): HistorySummary {
  if (!(Number.isInteger(options.count) && options.count >= 0)) throw new RangeError('count must be an integer >= 0');
  const random = mulberry32(options.seed ?? 12_345);
  const end = options.end?.getTime() ?? now;
  const span = Math.max(1, options.days ?? 180) * DAY;
  const start = end - span;

  let devices = [...state.devices.values()].filter((d) => d.account === account);
  if (devices.length === 0) devices = [addDevice()];
  const pakets: PaketRecord[] = [];
  for (let i = 0; i < 12; i++) {
    const at = toSecond(start + ((i + 0.5) * span) / 12);
    const body = `Newsletter ${i + 1}: news and offers this month.`;
    const paket: PaketRecord = {
      id: state.nextId('paket'),
      account,
      title: `Monthly news ${i + 1}`,
      deviceId: devices[i % devices.length]!.id,
      body,
      tagIds: [],
      sim: 0,
      timeToSend: at,
      expanded: true,
      startedAt: at,
      autoStartAt: null,
    };
    state.pakets.set(paket.id, paket);
    pakets.push(paket);
  }

  const recipients = Array.from(
    { length: 5_000 },
    (_, i) => `+${[44, 33, 49, 55, 1][i % 5]}${String(7_000_000_000 + i * 7_919).slice(0, 10)}`,
  );
  const statuses: Record<number, number> = {};
  const step = options.count > 0 ? span / options.count : 0;
  for (let i = 0; i < options.count; i++) {
    const created = toSecond(start + i * step + random() * step);
    const device = devices[Math.floor(random() * devices.length)]!;
    const recent = end - created < HOUR;
    let status = pickStatus(random());
    if (recent && random() < 0.3) status = [1, 3, 2, 6][Math.floor(random() * 4)]!;
    const r = random();
    const paket = status !== 5 && r < 0.1 ? pakets[Math.min(11, Math.floor(((created - start) / span) * 12))]! : null;
    const slot = status === 5 ? 0 : r < 0.7 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
    const n = 1000 + Math.floor(random() * 900_000);
    const body =
      status === 5
        ? REPLIES[Math.floor(random() * REPLIES.length)]!
        : paket
          ? paket.body
          : BODIES[Math.floor(random() * BODIES.length)]!.replace('{n}', String(n)).replace('{h}', String(9 + (n % 9)));
    const sent = status === 5 || status === 6 || status === 7 || status === 8;
    const message: MessageRecord = {
      id: state.nextId('message'),
      account,
      sendto: recipients[Math.floor(random() * recipients.length)]!,
      body,
      customerid: status === 5 || paket ? null : r < 0.4 ? 10_000 + Math.floor(i / 50) : r < 0.6 ? 0 : null,
      status,
      deviceid: device.id,
      sim: slot,
      urgent: status !== 5 && body.includes('code'),
      created,
      senttime: sent ? created + (status === 5 ? 0 : 5_000 + Math.floor(random() * 60_000)) : null,
      timetosend: null,
      paketid: paket?.id ?? null,
      pakettitle: paket?.title ?? null,
      paketbody: paket?.body ?? null,
      // Recent sent messages still get their delivery report; older ones never will.
      pendingReport: status === 6 && recent ? 7 : null,
    };
    state.messages.set(message.id, message);
    sim.track(message);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return { count: options.count, from: new Date(start), to: new Date(end), statuses, newsletterIds: pakets.map((p) => p.id) };
}

function pickStatus(r: number): number {
  let left = r * TOTAL_WEIGHT;
  for (const [status, weight] of FINAL) {
    left -= weight;
    if (left < 0) return status;
  }
  return 7;
}
