import { Temporal } from 'temporal-polyfill';
import type { SimSlot } from '../../../shared/domain';
import { AppFailure } from '../../../shared/errors';
import { CHUNK_SIZE } from './chunks';

// The pacing plan, made (and shown) before anything is sent: which phone sends how many, from when to when.
//
// - Shares follow each phone's health and pace: share ∝ health weight × messages it can send in a day
//   (its pace, its daily cap and the hours allowed), so phones finish together. An offline phone's weight is
//   0: its share goes to the others here, before sending, never after.
// - Each chunk carries a `timetosend` for its first message and a spacing for the rest, never faster than
//   one message per ANDROID_SAFE_INTERVAL_MS (Android asks the user to allow "a large number of messages"
//   past 30 a minute) nor faster than the phone's own delay between messages.
// - Quiet hours are local times in the recipients' zone; the day's boundaries are computed per date with
//   Temporal, so a daylight-saving change moves them with the clock (no 24-hour arithmetic).
// - A daily cap counts messages per local day; what does not fit moves to the next allowed window, and the
//   plan says so (`spillsToLaterDays`).

export type PhoneHealth = 'good' | 'flaky' | 'offline';
export const HEALTH_WEIGHT: Readonly<Record<PhoneHealth, number>> = { good: 1, flaky: 0.5, offline: 0 };

/** Android's default limit is 30 messages per minute without asking; one every 2.5 s keeps a margin. */
export const ANDROID_SAFE_INTERVAL_MS = 2_500;
/** The gateway's default delay between messages when a phone does not report its own. */
export const DEFAULT_SEND_DELAY_SECONDS = 5;
/** A plan that needs more than this is refused rather than computed forever. */
const MAX_PLAN_DAYS = 366;

export interface PacingPhone {
  deviceId: number;
  sim: SimSlot;
  health: PhoneHealth;
  /** The phone's delay between two messages (delaybetweeneachsms), seconds; null when unknown. */
  sendDelaySeconds: number | null;
  /** At most this many messages per local day on this phone and SIM; null or absent: no cap. */
  dailyCap?: number | null;
  /** Messages already scheduled on this phone for the start's local day (they count against the cap). */
  usedToday?: number;
}

/** No message is scheduled from `from` until `until` (local "HH:MM"); "21:00"–"08:00" spans midnight. */
export interface QuietHours {
  from: string;
  until: string;
}

export interface PacingInput {
  recipients: number;
  phones: readonly PacingPhone[];
  /** Epoch ms: now, or the time the user picked. */
  start: number;
  /** The recipients' IANA zone: quiet hours and daily caps are read on its clock. */
  zone: string;
  quietHours?: QuietHours | null;
  chunkSize?: number;
}

export interface PlannedChunk {
  /** Index of the phone in the input's `phones`. */
  phone: number;
  /** The chunk takes recipients firstRecipient … firstRecipient + count − 1 (input order). */
  firstRecipient: number;
  count: number;
  /** Epoch ms: the first message's timetosend; message i of the chunk goes at sendAt + i × spacingMs. */
  sendAt: number;
  spacingMs: number;
}

export interface PhonePlan {
  deviceId: number;
  sim: SimSlot;
  count: number;
  chunks: number;
  /** Epoch ms of the first and last scheduled message; null when the phone gets nothing. */
  firstAt: number | null;
  lastAt: number | null;
  spacingMs: number;
}

export interface PacingPlan {
  /** In time order; recipients are handed out in that order, so the first rows go first. */
  chunks: PlannedChunk[];
  phones: PhonePlan[];
  /** Phones left out before sending, and why. */
  excluded: { phone: number; deviceId: number; sim: SimSlot; reason: 'offline' | 'no-capacity' }[];
  firstAt: number | null;
  lastAt: number | null;
  /** From start until the last message should have gone: the rough duration to show. */
  durationMs: number;
  /** Messages per local date (recipients' zone), in date order. */
  days: { date: string; count: number }[];
  /** Quiet hours or caps push some messages past the start's local day. */
  spillsToLaterDays: boolean;
  /** The start falls in quiet hours: the first message waits for the window to open. */
  startDeferred: boolean;
}

export function messageSpacingMs(phone: Pick<PacingPhone, 'sendDelaySeconds'>): number {
  const delayMs = (phone.sendDelaySeconds ?? DEFAULT_SEND_DELAY_SECONDS) * 1000;
  return Math.max(ANDROID_SAFE_INTERVAL_MS, Number.isFinite(delayMs) ? delayMs : 0);
}

export function planPacing(input: PacingInput): PacingPlan {
  const chunkSize = input.chunkSize ?? CHUNK_SIZE;
  if (!Number.isInteger(input.recipients) || input.recipients < 0) throw new RangeError('recipients must be a count.');
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer.');
  const clock = new LocalClock(input.zone, input.quietHours ?? null);

  const excluded: PacingPlan['excluded'] = [];
  const weights = input.phones.map((phone, index) => {
    const health = HEALTH_WEIGHT[phone.health];
    const cap = phone.dailyCap ?? null;
    const reason = health === 0 ? 'offline' : cap !== null && cap <= 0 ? 'no-capacity' : null;
    if (reason !== null) {
      excluded.push({ phone: index, deviceId: phone.deviceId, sim: phone.sim, reason });
      return 0;
    }
    const perDay = clock.allowedMsPerDay / messageSpacingMs(phone);
    return health * (cap === null ? perDay : Math.min(cap, perDay));
  });
  if (input.recipients > 0 && !weights.some((w) => w > 0)) {
    throw new AppFailure(
      'validation',
      'None of the chosen phones can send now: they are offline or have no capacity left.',
      'phones',
      undefined,
      'refusals.noPhoneCanSend',
    );
  }
  const shares = largestRemainder(input.recipients, weights);

  const timed: Omit<PlannedChunk, 'firstRecipient'>[] = [];
  const phonePlans: PhonePlan[] = input.phones.map((phone, index) => {
    const spacingMs = messageSpacingMs(phone);
    const own = scheduleOnePhone(clock, input.start, shares[index]!, chunkSize, spacingMs, phone);
    for (const c of own) timed.push({ phone: index, count: c.count, sendAt: c.sendAt, spacingMs });
    const last = own.at(-1);
    return {
      deviceId: phone.deviceId,
      sim: phone.sim,
      count: shares[index]!,
      chunks: own.length,
      firstAt: own[0]?.sendAt ?? null,
      lastAt: last ? last.sendAt + (last.count - 1) * spacingMs : null,
      spacingMs,
    };
  });

  timed.sort((a, b) => a.sendAt - b.sendAt || a.phone - b.phone);
  let next = 0;
  const chunks = timed.map((c) => {
    const planned = { ...c, firstRecipient: next };
    next += c.count;
    return planned;
  });

  const byDay = new Map<string, number>();
  const addDay = (date: string, count: number) => byDay.set(date, (byDay.get(date) ?? 0) + count);
  for (const c of chunks) {
    const first = clock.dateOf(c.sendAt);
    // Most chunks sit inside one day: two zone conversions, not one per message.
    if (first === clock.dateOf(c.sendAt + (c.count - 1) * c.spacingMs)) addDay(first, c.count);
    else for (let i = 0; i < c.count; i++) addDay(clock.dateOf(c.sendAt + i * c.spacingMs), 1);
  }
  const days = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
  const starts = phonePlans.map((p) => p.firstAt).filter((t): t is number => t !== null);
  const ends = phonePlans.filter((p) => p.lastAt !== null).map((p) => p.lastAt! + p.spacingMs);
  const lasts = phonePlans.map((p) => p.lastAt).filter((t): t is number => t !== null);
  const startDate = clock.dateOf(input.start);
  return {
    chunks,
    phones: phonePlans,
    excluded,
    firstAt: starts.length > 0 ? Math.min(...starts) : null,
    lastAt: lasts.length > 0 ? Math.max(...lasts) : null,
    durationMs: ends.length > 0 ? Math.max(...ends) - input.start : 0,
    days,
    spillsToLaterDays: days.some((d) => d.date !== startDate),
    startDeferred: clock.isQuiet(input.start),
  };
}

/** One phone's timeline: chunks that never cross into quiet hours or past the local day's cap. */
function scheduleOnePhone(
  clock: LocalClock,
  start: number,
  share: number,
  chunkSize: number,
  spacingMs: number,
  phone: PacingPhone,
): { sendAt: number; count: number }[] {
  const out: { sendAt: number; count: number }[] = [];
  const cap = phone.dailyCap ?? null;
  const used = new Map<string, number>([[clock.dateOf(start), phone.usedToday ?? 0]]);
  const horizon = start + MAX_PLAN_DAYS * 86_400_000;
  let t = start;
  let remaining = share;
  while (remaining > 0) {
    t = clock.nextAllowed(t);
    if (t > horizon) {
      throw new AppFailure(
        'validation',
        `The phones' caps and quiet hours would stretch this campaign over more than ${MAX_PLAN_DAYS} days.`,
        'phones',
        { days: MAX_PLAN_DAYS },
        'refusals.planTooLong',
      );
    }
    const date = clock.dateOf(t);
    const capLeft = cap === null ? Infinity : cap - (used.get(date) ?? 0);
    if (capLeft <= 0) {
      t = clock.startOfNextDay(t);
      continue;
    }
    // The last message must still be scheduled before the window closes (and, with a cap, before midnight).
    let until = clock.windowEnd(t);
    if (cap !== null) until = Math.min(until, clock.startOfNextDay(t));
    const fit = Math.ceil((until - t) / spacingMs);
    const count = Math.min(chunkSize, remaining, capLeft, fit);
    out.push({ sendAt: t, count });
    used.set(date, (used.get(date) ?? 0) + count);
    remaining -= count;
    t += count * spacingMs;
  }
  return out;
}

/** Integer shares of `total` proportional to `weights` (largest remainder; ties to the earlier phone). */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, fraction: x - Math.floor(x) })).sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (weights[i]! <= 0) continue;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}

/** Local dates, day boundaries and quiet hours on one zone's clock. Times are epoch ms. */
export class LocalClock {
  private readonly quiet: { from: Temporal.PlainTime; until: Temporal.PlainTime } | null;
  /** Nominal allowed time per day (for weighting only; DST days differ by an hour). */
  readonly allowedMsPerDay: number;

  constructor(
    private readonly zone: string,
    quietHours: QuietHours | null,
  ) {
    try {
      Temporal.Now.instant().toZonedDateTimeISO(zone);
    } catch {
      throw new AppFailure('validation', `"${zone}" is not a time zone.`, 'zone', { zone }, 'refusals.notATimeZone');
    }
    if (quietHours === null) {
      this.quiet = null;
      this.allowedMsPerDay = 86_400_000;
      return;
    }
    const from = parseClockTime(quietHours.from, 'quietHours.from');
    const until = parseClockTime(quietHours.until, 'quietHours.until');
    if (Temporal.PlainTime.compare(from, until) === 0) {
      throw new AppFailure(
        'validation',
        'Quiet hours must start and end at different times.',
        'quietHours',
        undefined,
        'refusals.quietHoursSame',
      );
    }
    this.quiet = { from, until };
    const quietMs = ((minutesOf(until) - minutesOf(from) + 1440) % 1440) * 60_000;
    this.allowedMsPerDay = 86_400_000 - quietMs;
  }

  private zoned(t: number): Temporal.ZonedDateTime {
    return Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(this.zone);
  }

  private at(date: Temporal.PlainDate, time: Temporal.PlainTime): number {
    // 'compatible': a time inside a spring-forward gap moves forward, an ambiguous one takes the earlier.
    return date.toZonedDateTime({ timeZone: this.zone, plainTime: time }).epochMilliseconds;
  }

  /** "YYYY-MM-DD" in the zone. */
  dateOf(t: number): string {
    return this.zoned(t).toPlainDate().toString();
  }

  startOfNextDay(t: number): number {
    return this.zoned(t).toPlainDate().add({ days: 1 }).toZonedDateTime({ timeZone: this.zone }).epochMilliseconds;
  }

  /** The quiet spans that could contain or follow t: those starting on the day before, the day of, and after. */
  private quietSpans(t: number): { start: number; end: number }[] {
    if (this.quiet === null) return [];
    const { from, until } = this.quiet;
    const wraps = Temporal.PlainTime.compare(from, until) > 0;
    const today = this.zoned(t).toPlainDate();
    return [-1, 0, 1].map((offset) => {
      const day = today.add({ days: offset });
      return { start: this.at(day, from), end: this.at(wraps ? day.add({ days: 1 }) : day, until) };
    });
  }

  isQuiet(t: number): boolean {
    return this.quietSpans(t).some((span) => span.start <= t && t < span.end);
  }

  /** t itself when sending is allowed then, else the end of the quiet span it falls in. */
  nextAllowed(t: number): number {
    const span = this.quietSpans(t).find((s) => s.start <= t && t < s.end);
    return span ? span.end : t;
  }

  /** When the allowed window containing t closes (the next quiet start); Infinity without quiet hours. */
  windowEnd(t: number): number {
    const next = this.quietSpans(t).find((s) => s.start > t);
    return next ? next.start : Infinity;
  }
}

function parseClockTime(text: string, field: string): Temporal.PlainTime {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59)
    throw new AppFailure('validation', `"${text}" is not a time of day (HH:MM).`, field, { text }, 'refusals.notATimeOfDay');
  return new Temporal.PlainTime(hour, minute);
}

function minutesOf(time: Temporal.PlainTime): number {
  return time.hour * 60 + time.minute;
}
