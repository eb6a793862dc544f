import type { OptedOutView, SendCheckRow } from '../../../shared/ipc';
import type { CountryCode } from 'libphonenumber-js';
import { createPhoneReader } from '../preflight';
import type { Db } from '../db';
import { phoneKey } from '../lib/phone-key';
import { suppressionEntries } from './store';

// Who is left out because they opted out, shown before anything is sent: each with the reply that did it
// ("PARAR", received 14:02) or "added by hand". Previews name the first few; the Send screen checks each number.

/** How many opted-out recipients a preview names (the count says the rest). */
export const LEFT_OUT_SAMPLE = 20;

/** Counts one more left out and keeps it when the sample has room; returns the new count. */
export function leaveOut(sample: { phone: string; name: string }[], person: { phone: string; name: string }, count: number): number {
  if (sample.length < LEFT_OUT_SAMPLE && person.phone !== '') sample.push({ phone: person.phone, name: person.name });
  return count + 1;
}

/** The suppression list's entries for these people, in their order. */
export function optedOutViews(db: Db, people: readonly { phone: string; name: string | null }[]): OptedOutView[] {
  const entries = suppressionEntries(
    db,
    people.map((p) => p.phone),
  );
  return people.flatMap((p) => {
    const entry = entries.get(phoneKey(p.phone));
    if (!entry) return [];
    return [
      {
        phone: p.phone,
        name: p.name || null,
        source: entry.source,
        keyword: entry.keyword,
        reply: entry.reply ?? null,
        replyAt: entry.replyAt ?? null,
        addedAt: entry.addedAt,
      },
    ];
  });
}

/** Each typed number as a single send would treat it: ready, opted out (with its reply), invalid, or a repeat. */
export function checkRecipients(db: Db, to: readonly string[], country: string): SendCheckRow[] {
  const read = createPhoneReader(country as CountryCode);
  const seen = new Set<string>();
  const rows: SendCheckRow[] = to.map((input) => {
    const reading = read(input);
    if (!reading.ok) return { input, phone: null, state: 'invalid', reason: reading.text, optedOut: null };
    const key = phoneKey(reading.phone);
    if (seen.has(key)) return { input, phone: reading.phone, state: 'repeat', reason: null, optedOut: null };
    seen.add(key);
    return { input, phone: reading.phone, state: 'ready', reason: null, optedOut: null };
  });
  const views = optedOutViews(
    db,
    rows.filter((r) => r.state === 'ready').map((r) => ({ phone: r.phone!, name: null })),
  );
  const byKey = new Map(views.map((v) => [phoneKey(v.phone), v]));
  for (const row of rows) {
    const view = row.state === 'ready' ? byKey.get(phoneKey(row.phone!)) : undefined;
    if (view) Object.assign(row, { state: 'opted-out', optedOut: view });
  }
  return rows;
}
