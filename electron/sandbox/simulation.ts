import { EventQueue } from './event-queue';
import { toSecond } from './formats';
import type { DeviceRecord, MessageRecord, PaketRecord, SandboxState } from './state';

// The simulated phones, driven by a clock. Each online phone polls every `delaybetweenrequest` seconds
// (updating lastseen); at a poll it takes every due message of its queue (status 1 → 2, urgent first,
// then oldest; scheduled ones only once `timetosend` has passed) into its outbox, sends them one by one
// `delaybetweeneachsms` apart, and a few seconds after each send reports the outcome. A failed send
// either never leaves the phone (9–12, no senttime) or goes out and is reported not delivered (6 → 8).
// Some phones first list a taken message as queued (1 → 3, then 3 → 2 when its turn comes, 6 a moment
// later), the order the service shows. Without the SMS permission, SMS slots end in 100/101.
// An offline phone does nothing: its queue, outbox and pending reports wait until it is back online.
// Newsletters wait until someone presses start on the phone (startPaket, or the phone itself after
// `newsletterAutoStartMs`), then expand at their time. A delivered recipient may reply STOP.
//
// Only the next due moment of each activity sits in an event queue, so a manual-clock advance over a
// day with many phones costs one cheap step per poll, not one per millisecond.

const FIRST_SEND_DELAY_MS = 1_000;
/** What the app does when the account leaves delaybetweeneachsms empty. */
const DEFAULT_SEND_DELAY_S = 2;
const REPORT_DELAY_MIN_MS = 2_000;
const REPORT_DELAY_SPREAD_MS = 6_000;
const FAILURE_CODES = [8, 9, 10, 11, 12] as const;
/** From 2 ("sending") to 6 for a message that waited as queued (3) on the phone. */
const QUEUED_SEND_MS = 1_000;
const STOP_REPLY_MIN_MS = 30_000;
const STOP_REPLY_SPREAD_MS = 60_000;
/** What simulated recipients answer when they want no more messages (en, pt, es). */
export const STOP_WORDS = ['STOP', 'Stop', 'PARAR', 'SAIR', 'CANCELAR', 'BAJA', 'stop please'] as const;

export type ClockMode = 'real' | 'manual';

export interface SimulationOptions {
  clock: ClockMode;
  /** Manual clock only: where time starts. */
  startAt: number;
  random: () => number;
  /** Share of sends that fail on phones without their own rate. */
  deliveryFailureRate: number;
  /** After how long a phone presses start on a new newsletter by itself; null = never (only startPaket). */
  newsletterAutoStartMs: number | null;
  /** Share of delivered messages whose recipient replies STOP (an incoming status-5 message). */
  stopReplyRate: number;
  /** Called after anything changed (for persistence). */
  onChange: () => void;
}

type SimEvent =
  | { kind: 'poll'; deviceId: number }
  | { kind: 'send'; deviceId: number }
  | { kind: 'report'; messageId: number }
  | { kind: 'sent'; messageId: number }
  | { kind: 'paket'; paketId: number }
  | { kind: 'incoming'; deviceId: number; from: string; body: string; sim: number };

interface PhoneRuntime {
  /** When the scheduled poll/send event is valid; a queued event with another time is stale. */
  nextPollAt: number | null;
  nextSendAt: number | null;
  /** Status-1 messages for this phone. */
  queue: Set<number>;
  /** Status-2 messages the phone has taken, in sending order. */
  outbox: number[];
  /** Reports that came due while the phone was offline. */
  heldReports: Set<number>;
  /** Newsletters of this phone waiting for it to press start by itself. */
  autoStarts: Set<number>;
}

export type NewMessage = Omit<MessageRecord, 'id' | 'status' | 'senttime' | 'pendingReport' | 'created'>;

export class Simulation {
  private time: number;
  private readonly events = new EventQueue<SimEvent>();
  private readonly phones = new Map<number, PhoneRuntime>();
  private readonly reportAt = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt: number | null = null;
  private stopped = false;

  constructor(
    private readonly state: SandboxState,
    private readonly options: SimulationOptions,
  ) {
    this.time = options.startAt;
    this.rebuild();
    this.armTimer();
  }

  now(): number {
    return this.options.clock === 'manual' ? this.time : Date.now();
  }

  /** Real clock: run whatever fell due since the last timer (called before serving a request). */
  catchUp(): void {
    if (this.options.clock === 'real') this.runUntil(Date.now());
  }

  advance(ms: number): void {
    if (this.options.clock !== 'manual') throw new Error('advance() needs the manual clock');
    if (!(ms >= 0)) throw new Error('advance() needs a duration >= 0');
    this.runUntil(this.time + ms);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  // ---- changes coming from requests and the test API ----

  addMessage(fields: NewMessage, at = this.now()): MessageRecord {
    const message: MessageRecord = {
      ...fields,
      id: this.state.nextId('message'),
      status: 1,
      created: toSecond(at),
      senttime: null,
      pendingReport: null,
    };
    this.state.messages.set(message.id, message);
    this.phone(message.deviceid).queue.add(message.id);
    this.options.onChange();
    return message;
  }

  /** A new newsletter waits for start on its phone (see startPaket); the demo's phones press it themselves. */
  addPaket(paket: Omit<PaketRecord, 'startedAt' | 'autoStartAt' | 'expanded'>): PaketRecord {
    const autoStart = this.options.newsletterAutoStartMs;
    const record: PaketRecord = {
      ...paket,
      expanded: false,
      startedAt: null,
      autoStartAt: autoStart === null ? null : this.now() + autoStart,
    };
    this.state.pakets.set(record.id, record);
    if (record.autoStartAt !== null) this.phone(record.deviceId).autoStarts.add(record.id);
    this.options.onChange();
    return record;
  }

  /** Someone pressed start in the app on the phone: the newsletter goes out at its time (now if past). */
  startPaket(paketId: number, at = this.now()): void {
    const paket = this.state.pakets.get(paketId);
    if (!paket) throw new Error(`No sandbox newsletter ${paketId}`);
    this.phone(paket.deviceId).autoStarts.delete(paket.id);
    if (paket.startedAt !== null) return;
    paket.startedAt = toSecond(at);
    if (paket.timeToSend <= at) this.expandPaket(paket, at);
    else this.schedule(paket.timeToSend, { kind: 'paket', paketId: paket.id });
    this.options.onChange();
  }

  /** A message the phone received (status 5): `from` is the sender, listed in `sendto` like the service does. */
  receive(deviceId: number, from: string, body: string, sim = 0, at = this.now()): MessageRecord {
    const device = this.state.devices.get(deviceId);
    if (!device) throw new Error(`No sandbox device ${deviceId}`);
    const message: MessageRecord = {
      id: this.state.nextId('message'),
      account: device.account,
      sendto: from.replace(/\s+/g, ''),
      body,
      customerid: null,
      status: 5,
      deviceid: deviceId,
      sim,
      urgent: false,
      created: toSecond(at),
      senttime: toSecond(at),
      timetosend: null,
      paketid: null,
      pakettitle: null,
      paketbody: null,
      pendingReport: null,
    };
    this.state.messages.set(message.id, message);
    this.options.onChange();
    return message;
  }

  /** Puts a message written straight into the state (history seeding) into the phones' runtime. */
  track(message: MessageRecord): void {
    if (message.status === 1) this.phone(message.deviceid).queue.add(message.id);
    else if (message.status === 2 || message.status === 3) {
      const phone = this.phone(message.deviceid);
      this.toOutbox(phone, message);
      const device = this.state.devices.get(message.deviceid);
      if (device?.online && phone.nextSendAt === null) this.scheduleSend(device, this.now() + FIRST_SEND_DELAY_MS);
    } else if (message.status === 6 && message.pendingReport !== null) this.scheduleReport(message.id, this.now());
  }

  addDevice(device: DeviceRecord): void {
    this.state.devices.set(device.id, device);
    this.phones.set(device.id, emptyRuntime());
    if (device.online) this.schedulePoll(device, device.lastseen + device.delaybetweenrequest * 1000);
    this.options.onChange();
  }

  /** Offline: the phone stops polling, sending and reporting. Online: it polls at once and drains. */
  setOnline(deviceId: number, online: boolean): void {
    const device = this.state.devices.get(deviceId);
    if (!device) throw new Error(`No sandbox device ${deviceId}`);
    if (device.online === online) return;
    device.online = online;
    const phone = this.phone(deviceId);
    if (!online) {
      phone.nextPollAt = null;
      phone.nextSendAt = null;
    } else {
      const at = this.now();
      this.poll(device, at);
      for (const id of phone.heldReports) this.scheduleReport(id, at);
      phone.heldReports.clear();
    }
    this.options.onChange();
  }

  // ---- the clock ----

  private runUntil(target: number): void {
    for (;;) {
      const next = this.events.peekTime();
      if (next === null || next > target || this.stopped) break;
      const event = this.events.pop()!;
      this.time = Math.max(this.time, event.at);
      this.handle(event.item, event.at);
    }
    this.time = Math.max(this.time, target);
    this.armTimer();
  }

  private schedule(at: number, event: SimEvent): void {
    this.events.push(at, event);
    if (this.options.clock === 'real' && (this.timerAt === null || at < this.timerAt)) this.armTimer();
  }

  /** Real clock: one unref'd timer for the earliest event. */
  private armTimer(): void {
    if (this.options.clock !== 'real' || this.stopped) return;
    const next = this.events.peekTime();
    if (next === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = next;
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      this.runUntil(Date.now());
    }, delay);
    this.timer.unref();
  }

  private handle(event: SimEvent, at: number): void {
    switch (event.kind) {
      case 'poll': {
        const device = this.state.devices.get(event.deviceId);
        if (device?.online && this.phone(device.id).nextPollAt === at) this.poll(device, at);
        break;
      }
      case 'send': {
        const device = this.state.devices.get(event.deviceId);
        if (device?.online && this.phone(device.id).nextSendAt === at) this.sendNext(device, at);
        break;
      }
      case 'report':
        if (this.reportAt.get(event.messageId) === at) this.report(event.messageId, at);
        break;
      case 'sent': {
        const message = this.state.messages.get(event.messageId);
        const device = message && this.state.devices.get(message.deviceid);
        if (message?.status === 2 && device) this.finishSend(device, message, at);
        break;
      }
      case 'paket': {
        const paket = this.state.pakets.get(event.paketId);
        if (paket && !paket.expanded && paket.startedAt !== null) this.expandPaket(paket, at);
        break;
      }
      case 'incoming':
        if (this.state.devices.has(event.deviceId)) this.receive(event.deviceId, event.from, event.body, event.sim, at);
        break;
    }
  }

  // ---- what a phone does ----

  private poll(device: DeviceRecord, at: number): void {
    const phone = this.phone(device.id);
    device.lastseen = toSecond(at);
    const due: MessageRecord[] = [];
    for (const id of phone.queue) {
      const message = this.state.messages.get(id);
      if (message && (message.timetosend === null || message.timetosend <= at)) due.push(message);
    }
    due.sort(sendingOrder);
    for (const message of due) {
      phone.queue.delete(message.id);
      // Only phones with a queued stage draw for it, so other runs keep their random sequence.
      message.status = device.queuedStageRate > 0 && this.options.random() < device.queuedStageRate ? 3 : 2;
      this.toOutbox(phone, message);
    }
    for (const paketId of phone.autoStarts) {
      const paket = this.state.pakets.get(paketId);
      if (paket && paket.autoStartAt !== null && paket.autoStartAt <= at) this.startPaket(paketId, at);
    }
    if (phone.outbox.length > 0 && phone.nextSendAt === null) this.scheduleSend(device, at + FIRST_SEND_DELAY_MS);
    this.schedulePoll(device, at + device.delaybetweenrequest * 1000);
    // A poll that only moved lastseen is not worth a save (lastseen is re-derived after a restart anyway).
    if (due.length > 0) this.options.onChange();
  }

  /** Urgent messages go ahead of every normal one already waiting, behind earlier urgent ones. */
  private toOutbox(phone: PhoneRuntime, message: MessageRecord): void {
    if (!message.urgent) {
      phone.outbox.push(message.id);
      return;
    }
    const firstNormal = phone.outbox.findIndex((id) => !this.state.messages.get(id)?.urgent);
    if (firstNormal === -1) phone.outbox.push(message.id);
    else phone.outbox.splice(firstNormal, 0, message.id);
  }

  private sendNext(device: DeviceRecord, at: number): void {
    const phone = this.phone(device.id);
    phone.nextSendAt = null;
    const id = phone.outbox.shift();
    const message = id === undefined ? undefined : this.state.messages.get(id);
    if (message?.status === 3) {
      message.status = 2; // its turn: "sending", the result a moment later
      this.schedule(at + QUEUED_SEND_MS, { kind: 'sent', messageId: message.id });
      this.options.onChange();
    } else if (message) {
      this.finishSend(device, message, at);
    }
    if (phone.outbox.length > 0) {
      this.scheduleSend(device, at + (device.delaybetweeneachsms ?? DEFAULT_SEND_DELAY_S) * 1000);
    }
  }

  /** The send's outcome: 6 with a delivery report to come, or a failure that never left the phone. */
  private finishSend(device: DeviceRecord, message: MessageRecord, at: number): void {
    if (message.sim <= 1 && device.smsPermission !== 'granted') {
      message.status = device.smsPermission === 'not-allowed-on-phone' ? 100 : 101;
      this.options.onChange();
      return;
    }
    const rate = device.failureRate ?? this.options.deliveryFailureRate;
    const failure = this.options.random() < rate ? pick(FAILURE_CODES, this.options.random()) : null;
    if (failure !== null && failure !== 8) {
      message.status = failure; // never left the phone
    } else {
      message.status = 6;
      message.senttime = toSecond(at);
      message.pendingReport = failure ?? 7;
      this.scheduleReport(message.id, at);
    }
    this.options.onChange();
  }

  private report(messageId: number, at: number): void {
    this.reportAt.delete(messageId);
    const message = this.state.messages.get(messageId);
    if (!message || message.status !== 6 || message.pendingReport === null) return;
    const device = this.state.devices.get(message.deviceid);
    if (device && !device.online) {
      this.phone(device.id).heldReports.add(messageId);
      return;
    }
    message.status = message.pendingReport;
    message.pendingReport = null;
    this.options.onChange();
    const rate = this.options.stopReplyRate;
    if (message.status === 7 && message.paketid === null && rate > 0 && this.options.random() < rate) {
      const body = pick(STOP_WORDS, this.options.random());
      const replyAt = at + STOP_REPLY_MIN_MS + Math.round(this.options.random() * STOP_REPLY_SPREAD_MS);
      this.schedule(replyAt, { kind: 'incoming', deviceId: message.deviceid, from: message.sendto, body, sim: message.sim });
    }
  }

  /** A newsletter becomes one message per distinct phone among its tags' contacts. */
  private expandPaket(paket: PaketRecord, at: number): void {
    paket.expanded = true;
    const tagIds = new Set(paket.tagIds);
    const phones = new Set<string>();
    for (const contact of this.state.contacts.values()) {
      if (contact.account !== paket.account || !tagIds.has(contact.tagId) || phones.has(contact.phone)) continue;
      phones.add(contact.phone);
      this.addMessage(
        {
          account: paket.account,
          sendto: contact.phone,
          body: paket.body,
          customerid: null,
          deviceid: paket.deviceId,
          sim: paket.sim,
          urgent: false,
          timetosend: null,
          paketid: paket.id,
          pakettitle: paket.title,
          paketbody: paket.body,
        },
        at,
      );
    }
    this.options.onChange();
  }

  // ---- bookkeeping ----

  private phone(deviceId: number): PhoneRuntime {
    let phone = this.phones.get(deviceId);
    if (!phone) {
      phone = emptyRuntime();
      this.phones.set(deviceId, phone);
    }
    return phone;
  }

  private schedulePoll(device: DeviceRecord, at: number): void {
    this.phone(device.id).nextPollAt = at;
    this.schedule(at, { kind: 'poll', deviceId: device.id });
  }

  private scheduleSend(device: DeviceRecord, at: number): void {
    this.phone(device.id).nextSendAt = at;
    this.schedule(at, { kind: 'send', deviceId: device.id });
  }

  private scheduleReport(messageId: number, sentAt: number): void {
    const at = sentAt + REPORT_DELAY_MIN_MS + Math.round(this.options.random() * REPORT_DELAY_SPREAD_MS);
    this.reportAt.set(messageId, at);
    this.schedule(at, { kind: 'report', messageId });
  }

  /** Derives the runtime (queues, outboxes, pending events) from state, e.g. after loading a saved file. */
  private rebuild(): void {
    const now = this.now();
    for (const device of this.state.devices.values()) this.phones.set(device.id, emptyRuntime());
    const taken: MessageRecord[] = [];
    for (const message of this.state.messages.values()) {
      if (message.status === 1) this.phone(message.deviceid).queue.add(message.id);
      else if (message.status === 2 || message.status === 3) taken.push(message);
      else if (message.status === 6 && message.pendingReport !== null) this.scheduleReport(message.id, now);
    }
    taken.sort(sendingOrder);
    for (const message of taken) this.toOutbox(this.phone(message.deviceid), message);
    for (const device of this.state.devices.values()) {
      if (!device.online) continue;
      this.schedulePoll(device, Math.max(now, device.lastseen + device.delaybetweenrequest * 1000));
      if (this.phone(device.id).outbox.length > 0) this.scheduleSend(device, now + FIRST_SEND_DELAY_MS);
    }
    for (const paket of this.state.pakets.values()) {
      if (paket.expanded) continue;
      if (paket.startedAt !== null) this.schedule(Math.max(now, paket.timeToSend), { kind: 'paket', paketId: paket.id });
      else if (paket.autoStartAt !== null) this.phone(paket.deviceId).autoStarts.add(paket.id);
    }
  }
}

function emptyRuntime(): PhoneRuntime {
  return { nextPollAt: null, nextSendAt: null, queue: new Set(), outbox: [], heldReports: new Set(), autoStarts: new Set() };
}

function sendingOrder(a: MessageRecord, b: MessageRecord): number {
  return Number(b.urgent) - Number(a.urgent) || a.created - b.created || a.id - b.id;
}

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.min(items.length - 1, Math.floor(r * items.length))]!;
}
